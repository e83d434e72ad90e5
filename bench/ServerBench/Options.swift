import Primitives
#if canImport(Glibc)
import Glibc
#endif

/// `--name value` and `--flag` arguments.
struct Options {
    private var values: [String: String] = [:]

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { index += 1; continue }
            if let equals = argument.firstIndex(of: "=") {
                values[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
            } else if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                values[argument] = arguments[index + 1]
                index += 1
            } else {
                values[argument] = "true"
            }
            index += 1
        }
    }

    func int(_ name: String, _ fallback: Int) -> Int { values[name].flatMap { Int($0) } ?? fallback }
    func double(_ name: String, _ fallback: Double) -> Double { values[name].flatMap { Double($0) } ?? fallback }
    func string(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }
    func flag(_ name: String) -> Bool { values[name] == "true" }
}

/// CLOCK_REALTIME in nanoseconds: the clock both processes share for latency.
@inline(__always)
func realtimeNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}


/// Sleeps until a CLOCK_MONOTONIC deadline.
func sleepUntil(monotonic deadline: UInt64) {
    var spec = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
    while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &spec, nil) == EINTR {}
}

/// Raises the soft limit of open files to the hard limit.
@discardableResult
func raiseOpenFileLimit() -> UInt {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    return UInt(limit.rlim_cur)
}
