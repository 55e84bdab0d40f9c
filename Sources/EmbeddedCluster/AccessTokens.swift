import Crypto
import Foundation
import KubeCore

/// The two bearer tokens of the embedded server: admin may do anything, read-only may only read.
struct AccessTokens: Sendable {
  /// What an authenticated caller may do.
  enum Access: Sendable {
    case admin
    case readOnly

    /// Refuses what Kubernetes' `view` role does not grant: every mutating verb, and any read of
    /// Secrets (they hold credentials, the gateway's API keys among them). The 403 is worded as
    /// RBAC words it, naming the object and the subresource (`pods/log`) when the request has them.
    func authorize(
      verb: String, info: ResourceInfo, namespace: String?, name: String? = nil, subresource: String? = nil
    ) throws(StatusError) {
      guard case .readOnly = self else { return }
      let reads = ["get", "list", "watch"].contains(verb)
      guard !reads || Self.hiddenFromViewers(info) else { return }
      let scope = namespace.map { " in the namespace \"\($0)\"" } ?? " at the cluster scope"
      let resource = subresource.map { "\(info.plural)/\($0)" } ?? info.plural
      let subject = name.map { "\(info.groupResource) \"\($0)\"" } ?? "\(info.groupResource)"
      // Ordered and trimmed as kube-apiserver sends them: no group for a core kind.
      var details: JSONValue = .emptyObject
      if let name { details["name"] = .string(name) }
      if !info.group.isEmpty { details["group"] = .string(info.group) }
      details["kind"] = .string(info.plural)
      throw StatusError(
        code: 403, reason: "Forbidden",
        message:
          "\(subject) is forbidden: User \"aiconsole:read-only\" cannot \(verb) resource \"\(resource)\" in API group \"\(info.group)\"\(scope)",
        details: details)
    }

    /// Resources the `view` role leaves out even for reading.
    static func hiddenFromViewers(_ info: ResourceInfo) -> Bool {
      info.group.isEmpty && info.plural == "secrets"
    }
  }

  var admin: String
  var readOnly: String

  /// Which access a presented token grants; without a token, a verified client certificate grants
  /// admin in group `system:masters` and read-only otherwise; 401 for neither or an unknown token.
  func authenticate(_ presented: String?, certificate: CertificateIdentity? = nil) throws(StatusError) -> Access {
    guard let presented else {
      guard let certificate else { throw StatusError.unauthorized }
      return certificate.groups.contains("system:masters") ? .admin : .readOnly
    }
    if Self.constantTimeEqual(presented, admin) { return .admin }
    if Self.constantTimeEqual(presented, readOnly) { return .readOnly }
    throw StatusError.unauthorized
  }

  /// A fresh random token (256 bits, hex).
  static func generate() -> String {
    SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
  }

  private static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
    let left = Array(lhs.utf8)
    let right = Array(rhs.utf8)
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices { difference |= left[index] ^ right[index] }
    return difference == 0
  }
}
