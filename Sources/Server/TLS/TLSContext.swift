import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// A server-side libssl context built from a PEM certificate chain and private key: TLS 1.2 or
/// newer, forward-secret AEAD cipher suites, no renegotiation, ALPN `http/1.1`. Each accepted
/// connection gets its own `SSL` from it (see `TLSStream`).
///
/// `@unchecked Sendable` is safe: the `SSL_CTX` is completely configured in `init` and never
/// changed afterwards; what later touches it from several loops at once (`SSL_new`, the session
/// cache, reference counts) libssl guards itself.
final class TLSContext: @unchecked Sendable {
    /// The `SSL_CTX`.
    let handle: OpaquePointer
    /// The BIO type the connections' sockets are wrapped in.
    let socketBIO: TLSSocketBIOMethod
    /// Subject and serial number of the leaf certificate.
    let certificate: TLSCertificateSummary

    /// TLS 1.2 suites: ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 (TLS 1.3 has only
    /// such suites, libssl's defaults).
    private static let tls12CipherSuites = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    /// Loads and checks the files: the chain (leaf first), then the key, which must match it.
    init(certificateChainPath: String, privateKeyPath: String) throws(TLSError) {
        try Self.checkReadable(certificateChainPath)
        try Self.checkReadable(privateKeyPath)
        ERR_clear_error()
        socketBIO = try TLSSocketBIOMethod.shared.get()
        guard let handle = SSL_CTX_new(TLS_server_method()) else { throw .fromErrorQueue(.configureContext) }
        do {
            try Self.configure(handle)
            try Self.load(certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath, into: handle)
        } catch {
            SSL_CTX_free(handle)
            throw error
        }
        guard let leaf = SSL_CTX_get0_certificate(handle) else {
            SSL_CTX_free(handle)
            throw .fromErrorQueue(.loadCertificateChain, path: certificateChainPath)
        }
        self.handle = handle
        certificate = TLSCertificateSummary(leaf)
    }

    deinit { SSL_CTX_free(handle) }

    private static func checkReadable(_ path: String) throws(TLSError) {
        guard access(path, R_OK) == 0 else { throw TLSError(.readFile, path: path, systemError: errno) }
    }

    private static func configure(_ context: OpaquePointer) throws(TLSError) {
        guard SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil) == 1,
              SSL_CTX_set_cipher_list(context, tls12CipherSuites) == 1 else {
            throw .fromErrorQueue(.configureContext)
        }
        // A peer closing without close_notify is an ordinary end of stream for HTTP, whose
        // messages carry their own lengths.
        SSL_CTX_set_options(context, COPENSSL_OP_NO_RENEGOTIATION | COPENSSL_OP_IGNORE_UNEXPECTED_EOF | COPENSSL_OP_NO_COMPRESSION)
        // Partial writes and a moving buffer suit OutputBuffer, which retries with what is left
        // (possibly after compacting); released buffers keep idle connections small.
        let mode = SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS
        SSL_CTX_ctrl(context, SSL_CTRL_MODE, Int(mode), nil)
        SSL_CTX_set_alpn_select_cb(context, { _, selected, selectedLength, offered, offeredLength, _ in
            guard let selected, let selectedLength, let offered else { return SSL_TLSEXT_ERR_NOACK }
            return TLSContext.selectHTTP11(from: UnsafeBufferPointer(start: offered, count: Int(offeredLength)),
                                           selected: selected, selectedLength: selectedLength)
        }, nil)
    }

    private static func load(certificateChainPath: String, privateKeyPath: String, into context: OpaquePointer) throws(TLSError) {
        guard SSL_CTX_use_certificate_chain_file(context, certificateChainPath) == 1 else {
            throw .fromErrorQueue(.loadCertificateChain, path: certificateChainPath)
        }
        guard let file = BIO_new_file(privateKeyPath, "r") else { throw .fromErrorQueue(.readFile, path: privateKeyPath) }
        defer { BIO_free(file) }
        // A passphrase callback that declines: an encrypted key fails here instead of making
        // libssl prompt on the terminal, which would hang start-up or a reload.
        guard let key = PEM_read_bio_PrivateKey(file, nil, { _, _, _, _ in 0 }, nil) else {
            throw .fromErrorQueue(.loadPrivateKey, path: privateKeyPath)
        }
        defer { EVP_PKEY_free(key) }
        // The key parsed, so a refusal here means it belongs to another certificate.
        guard SSL_CTX_use_PrivateKey(context, key) == 1, SSL_CTX_check_private_key(context) == 1 else {
            throw .fromErrorQueue(.keyMismatch, path: certificateChainPath)
        }
    }

    /// Picks `http/1.1` from a client's ALPN list (length-prefixed names). A client offering only
    /// other protocols gets no ALPN answer rather than a fatal alert, and may still speak HTTP/1.1.
    private static func selectHTTP11(
        from offered: UnsafeBufferPointer<UInt8>, selected: UnsafeMutablePointer<UnsafePointer<UInt8>?>,
        selectedLength: UnsafeMutablePointer<UInt8>
    ) -> Int32 {
        let wanted = Array("http/1.1".utf8)
        var index = 0
        while index < offered.count {
            let length = Int(offered[index])
            let start = index + 1
            guard start + length <= offered.count else { break }
            if length == wanted.count && offered[start..<start + length].elementsEqual(wanted) {
                selected.pointee = offered.baseAddress.map { UnsafePointer($0 + start) }
                selectedLength.pointee = UInt8(length)
                return SSL_TLSEXT_ERR_OK
            }
            index = start + length
        }
        return SSL_TLSEXT_ERR_NOACK
    }
}
