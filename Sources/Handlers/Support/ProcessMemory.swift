#if canImport(Glibc)
import Glibc
#endif

/// The memory of this process as the kernel counts it: `VmRSS` (resident now) and `VmHWM`
/// (the largest resident size so far) of /proc/self/status, in bytes; zero where the file
/// cannot be read (not Linux).
struct ProcessMemory: Sendable, Equatable {
    var residentBytes: Int
    var peakResidentBytes: Int

    static func current() -> ProcessMemory {
        guard let file = fopen("/proc/self/status", "r") else { return ProcessMemory(residentBytes: 0, peakResidentBytes: 0) }
        defer { fclose(file) }
        var memory = ProcessMemory(residentBytes: 0, peakResidentBytes: 0)
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let value = kilobytes(text, field: "VmRSS:") { memory.residentBytes = value * 1024 }
            if let value = kilobytes(text, field: "VmHWM:") { memory.peakResidentBytes = value * 1024 }
        }
        memory.peakResidentBytes = max(memory.peakResidentBytes, memory.residentBytes)
        return memory
    }

    /// The number of a line such as `VmRSS:     41234 kB`.
    static func kilobytes(_ line: String, field: String) -> Int? {
        guard line.hasPrefix(field) else { return nil }
        let digits = line.dropFirst(field.count).drop { $0 == " " || $0 == "\t" }.prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}
