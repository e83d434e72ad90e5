import COpenSSL

/// What tells one certificate from another in a log line: subject and serial number.
public struct TLSCertificateSummary: Sendable, Equatable, CustomStringConvertible {
    /// The subject in OpenSSL's one-line form, e.g. `/CN=localhost`.
    public var subject: String
    /// The serial number in upper-case hexadecimal, e.g. `3039`.
    public var serialNumber: String

    /// Reads an `X509` certificate.
    init(_ certificate: OpaquePointer) {
        if let name = X509_get_subject_name(certificate), let line = X509_NAME_oneline(name, nil, 0) {
            subject = String(cString: line)
            CRYPTO_free(line, #fileID, #line)
        } else {
            subject = ""
        }
        serialNumber = ""
        if let serial = X509_get0_serialNumber(certificate), let number = ASN1_INTEGER_to_BN(serial, nil) {
            if let hex = BN_bn2hex(number) {
                serialNumber = String(cString: hex)
                CRYPTO_free(hex, #fileID, #line)
            }
            BN_free(number)
        }
    }

    /// `subject /CN=…, serial …`.
    public var description: String { "subject \(subject), serial \(serialNumber)" }
}
