import Crypto
import Foundation
import SwiftASN1
import X509

/// The embedded server's TLS identity: a self-signed CA and a serving certificate it signs for the
/// loopback names, generated once per state directory and kept as PEM files.
struct ServingCredentials: Sendable {
  var caCertificatePEM: String
  /// The CA's key, kept so the server can issue client certificates; nil for state directories
  /// made before it was kept.
  var caKeyPEM: String?
  var serverCertificatePEM: String
  var serverKeyPEM: String

  /// Generates a fresh CA and a serving certificate valid for `localhost`, 127.0.0.1, ::1 and `address`.
  static func generate(address: String, now: Date = Date()) throws -> ServingCredentials {
    let caKey = P256.Signing.PrivateKey()
    let caName = try DistinguishedName {
      OrganizationName("aiconsole")
      CommonName("aiconsole-embedded-ca")
    }
    let tenYears = now.addingTimeInterval(10 * 365 * 24 * 3600)
    let ca = try Certificate(
      version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
      notValidBefore: now.addingTimeInterval(-300),
      notValidAfter: tenYears, issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
        Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
        SubjectKeyIdentifier(hash: .init(caKey.publicKey))
      },
      issuerPrivateKey: .init(caKey))
    let serverKey = P256.Signing.PrivateKey()
    let serverName = try DistinguishedName { CommonName("aiconsole-apiserver") }
    let server = try Certificate(
      version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
      notValidBefore: now.addingTimeInterval(-300), notValidAfter: tenYears, issuer: caName, subject: serverName,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
        try ExtendedKeyUsage([.serverAuth])
        SubjectAlternativeNames(alternativeNames(address))
      },
      issuerPrivateKey: .init(caKey))
    return ServingCredentials(
      caCertificatePEM: try ca.serializeAsPEM().pemString, caKeyPEM: caKey.pemRepresentation,
      serverCertificatePEM: try server.serializeAsPEM().pemString, serverKeyPEM: serverKey.pemRepresentation)
  }

  private static func alternativeNames(_ address: String) -> [GeneralName] {
    var names: [GeneralName] = [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]
    names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))))
    if let bytes = ipv4Bytes(address), bytes != [127, 0, 0, 1] {
      names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes))))
    } else if ipv4Bytes(address) == nil, address != "localhost", !address.contains(":") {
      names.append(.dnsName(address))
    }
    return names
  }

  private static func ipv4Bytes(_ address: String) -> [UInt8]? {
    let parts = address.split(separator: ".").compactMap { UInt8($0) }
    return parts.count == 4 ? parts : nil
  }
}
