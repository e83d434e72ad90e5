import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// Why a TLS certificate or key could not be put to use: which step, which file, and what
/// the system or libssl said.
public struct TLSError: Error, Sendable, CustomStringConvertible {
    /// The step that failed.
    public enum Step: Sendable, Equatable {
        /// Reading a file (missing, unreadable): `systemError` says why.
        case readFile
        /// Parsing the PEM certificate chain.
        case loadCertificateChain
        /// Parsing the PEM private key (an encrypted key fails here too: no passphrase is asked for).
        case loadPrivateKey
        /// The private key is not the certificate's.
        case keyMismatch
        /// Creating or configuring the libssl context.
        case configureContext
    }

    /// The step that failed.
    public var step: Step
    /// The file involved, if any.
    public var path: String?
    /// The `errno` of a failed file access.
    public var systemError: Int32?
    /// libssl's error queue, oldest first, as `ERR_error_string_n` renders each entry.
    public var openSSLErrors: [String]

    init(_ step: Step, path: String? = nil, systemError: Int32? = nil, openSSLErrors: [String] = []) {
        self.step = step
        self.path = path
        self.systemError = systemError
        self.openSSLErrors = openSSLErrors
    }

    /// An error for `step` carrying (and emptying) this thread's libssl error queue.
    static func fromErrorQueue(_ step: Step, path: String? = nil) -> TLSError {
        TLSError(step, path: path, openSSLErrors: drainErrorQueue())
    }

    /// Takes every entry off this thread's libssl error queue, so none is blamed on a later call.
    static func drainErrorQueue() -> [String] {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            guard code != 0 else { return messages }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }

    /// What failed, the file, and the system's or libssl's reasons, in one line for a log.
    public var description: String {
        var text: String
        switch step {
        case .readFile: text = "cannot read"
        case .loadCertificateChain: text = "no usable PEM certificate chain in"
        case .loadPrivateKey: text = "no usable unencrypted PEM private key in"
        case .keyMismatch: text = "the private key does not match the certificate in"
        case .configureContext: text = "cannot set up the TLS context"
        }
        if let path { text += " \(path)" }
        if let systemError { text += ": \(String(cString: strerror(systemError)))" }
        if !openSSLErrors.isEmpty { text += " (\(openSSLErrors.joined(separator: "; ")))" }
        return text
    }
}
