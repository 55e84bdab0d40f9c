import Crypto
import Foundation
import SwiftASN1
import X509

/// Who a verified client certificate names: the user (CommonName) and groups (Organization), as
/// Kubernetes reads them.
struct CertificateIdentity: Sendable, Hashable {
  var user: String
  var groups: [String]

  /// The identity in a DER certificate that TLS has already verified against the CA.
  init?(der: [UInt8]) {
    guard let certificate = try? Certificate(derEncoded: der) else { return nil }
    var user = ""
    var groups: [String] = []
    for attribute in certificate.subject.flatMap({ $0 }) {
      let text = String(describing: attribute.value)
      if attribute.type == .RDNAttributeType.commonName { user = text }
      if attribute.type == .RDNAttributeType.organizationName { groups.append(text) }
    }
    self.init(user: user, groups: groups)
  }

  init(user: String, groups: [String]) {
    self.user = user
    self.groups = groups
  }
}

extension ServingCredentials {
  /// A client certificate (and its key) signed by this CA for `commonName` in `organizations`, valid
  /// for a year; nil when the CA key is not kept.
  func issueClientCertificate(commonName: String, organizations: [String], now: Date = Date()) throws -> (
    certificatePEM: String, keyPEM: String
  )? {
    guard let caKeyPEM else { return nil }
    let caKey = try P256.Signing.PrivateKey(pemRepresentation: caKeyPEM)
    let ca = try Certificate(pemEncoded: caCertificatePEM)
    let key = P256.Signing.PrivateKey()
    let subject = try DistinguishedName {
      for organization in organizations { OrganizationName(organization) }
      CommonName(commonName)
    }
    let certificate = try Certificate(
      version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
      notValidBefore: now.addingTimeInterval(-300),
      notValidAfter: now.addingTimeInterval(365 * 24 * 3600), issuer: ca.subject, subject: subject,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
        try ExtendedKeyUsage([.clientAuth])
      },
      issuerPrivateKey: .init(caKey))
    return (try certificate.serializeAsPEM().pemString, key.pemRepresentation)
  }
}

/// Issues client certificates from a state directory's CA, so that tools and tests can connect
/// the way kind and minikube users do.
public enum EmbeddedCertificateAuthority {
  /// A PEM certificate and key for `commonName` in `organizations`; `system:masters` grants full
  /// access, any other group read-only access.
  public static func issueClientCertificate(stateDirectory: URL, commonName: String, organizations: [String]) throws
    -> (certificatePEM: String, keyPEM: String)
  {
    let state = StateDirectory(url: stateDirectory)
    let credentials = try state.credentials(address: "127.0.0.1")
    guard let issued = try credentials.issueClientCertificate(commonName: commonName, organizations: organizations)
    else {
      throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: state.caKeyURL.path])
    }
    return issued
  }
}
