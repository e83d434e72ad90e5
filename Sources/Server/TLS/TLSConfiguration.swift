import Synchronization

/// The certificate and key a server serves HTTPS and WSS with, reloadable while it runs: a reload
/// swaps the libssl context atomically, so new connections use the new certificate while open
/// ones keep the context they started with; a reload that fails keeps the current certificate.
public final class TLSConfiguration: Sendable {
    /// The PEM certificate chain, leaf first.
    public let certificateChainPath: String
    /// The PEM private key of the leaf certificate (unencrypted).
    public let privateKeyPath: String
    private let current: Mutex<TLSContext>

    /// Loads both files now, so a bad path or file fails here, at start-up.
    public init(certificateChainPath: String, privateKeyPath: String) throws(TLSError) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        current = Mutex(try TLSContext(certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath))
    }

    /// Reads the files again (after they were replaced, e.g. by a renewal) and, when they load,
    /// serves new connections with them; returns the new certificate. On failure nothing changes.
    @discardableResult
    public func reload() throws(TLSError) -> TLSCertificateSummary {
        // Loading happens outside the lock: accepting loops only ever wait for a pointer swap.
        let loaded = try TLSContext(certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath)
        current.withLock { $0 = loaded }
        return loaded.certificate
    }

    /// The certificate new connections are served with.
    public var certificate: TLSCertificateSummary { context.certificate }

    /// The context new connections start from.
    var context: TLSContext { current.withLock { $0 } }
}
