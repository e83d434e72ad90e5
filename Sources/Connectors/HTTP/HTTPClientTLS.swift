import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// The client side of TLS for `https`, through libssl: TLS 1.2 or newer, the peer's chain
/// verified against the system's trusted certificates (or one PEM file of them) and its name
/// or IP checked against the certificate, SNI for names.
///
/// `@unchecked Sendable` is safe: the `SSL_CTX` is configured in `init` and never changed
/// afterwards; `SSL_new` from several threads at once is guarded by libssl itself.
final class HTTPClientTLS: @unchecked Sendable {
    private let context: OpaquePointer

    /// The system's trusted certificates (`SSL_CTX_set_default_verify_paths`).
    static let system: Result<HTTPClientTLS, HTTPClientError> = Result { () throws(HTTPClientError) in
        try HTTPClientTLS(trustedCertificatesFile: nil)
    }

    /// A context trusting the certificates of `trustedCertificatesFile` (PEM), or the
    /// system's when nil.
    init(trustedCertificatesFile: String?) throws(HTTPClientError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .transport("TLS is not available") }
        SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil)
        // A peer closing without close_notify ends the stream; HTTP's own framing (length or
        // chunks) says whether the answer was complete.
        SSL_CTX_set_options(context, COPENSSL_OP_IGNORE_UNEXPECTED_EOF | COPENSSL_OP_NO_COMPRESSION | COPENSSL_OP_NO_RENEGOTIATION)
        SSL_CTX_ctrl(context, SSL_CTRL_MODE, Int(SSL_MODE_AUTO_RETRY), nil)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        let loaded = if let trustedCertificatesFile {
            SSL_CTX_load_verify_locations(context, trustedCertificatesFile, nil)
        } else {
            SSL_CTX_set_default_verify_paths(context)
        }
        guard loaded == 1 else {
            SSL_CTX_free(context)
            ERR_clear_error()
            throw .transport("the trusted certificates could not be loaded")
        }
        self.context = context
    }

    deinit { SSL_CTX_free(context) }

    /// Makes the handshake on the connected socket `fd` and returns the session. A name is
    /// sent as SNI and checked against the certificate; an IP literal is checked as an IP.
    func handshake(on fd: Int32, host: String, hostIsAddress: Bool, deadline: HTTPDeadline) throws(HTTPClientError) -> OpaquePointer {
        ERR_clear_error()
        guard let ssl = SSL_new(context) else { throw .transport("TLS is not available") }
        do throws(HTTPClientError) {
            try configure(ssl, fd: fd, host: host, hostIsAddress: hostIsAddress)
            while true {
                ERR_clear_error()
                let result = SSL_connect(ssl)
                if result == 1 { return ssl }
                switch SSL_get_error(ssl, result) {
                case SSL_ERROR_WANT_READ: try deadline.wait(for: Int16(POLLIN), on: fd)
                case SSL_ERROR_WANT_WRITE: try deadline.wait(for: Int16(POLLOUT), on: fd)
                default: throw Self.handshakeFailure(ssl)
                }
            }
        } catch {
            SSL_free(ssl)
            throw error
        }
    }

    private func configure(_ ssl: OpaquePointer, fd: Int32, host: String, hostIsAddress: Bool) throws(HTTPClientError) {
        guard SSL_set_fd(ssl, fd) == 1 else { throw .transport("TLS is not available") }
        if hostIsAddress {
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1 else { throw .transport("TLS is not available") }
        } else {
            // SSL_set_tlsext_host_name, a macro over SSL_ctrl.
            let sni = host.withCString { SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: $0)) }
            guard sni == 1, SSL_set1_host(ssl, host) == 1 else { throw .transport("TLS is not available") }
        }
    }

    /// Why the handshake failed, in words that never name the host: the certificate check's
    /// verdict when it failed, else a general failure.
    private static func handshakeFailure(_ ssl: OpaquePointer) -> HTTPClientError {
        let verdict = SSL_get_verify_result(ssl)
        ERR_clear_error()
        guard verdict != X509_V_OK, let text = X509_verify_cert_error_string(verdict) else {
            return .transport("TLS handshake failed")
        }
        return .transport("TLS handshake failed: \(String(cString: text))")
    }
}
