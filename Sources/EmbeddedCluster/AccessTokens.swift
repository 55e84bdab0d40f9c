import Crypto
import Foundation
import KubeCore

/// The two bearer tokens of the embedded server: admin may do anything, read-only may only read.
struct AccessTokens: Sendable {
  /// What an authenticated caller may do.
  enum Access: Sendable {
    case admin
    case readOnly

    /// Refuses a mutating verb to the read-only token with the 403 a real server gives, naming
    /// the subresource (`pods/log`) as RBAC does when the request is for one.
    func authorize(verb: String, info: ResourceInfo, namespace: String?, subresource: String? = nil)
      throws(StatusError)
    {
      guard case .readOnly = self, !["get", "list", "watch"].contains(verb) else { return }
      let scope = namespace.map { " in the namespace \"\($0)\"" } ?? ""
      let groupText = info.group.isEmpty ? "\"\"" : "\"\(info.group)\""
      let resource = subresource.map { "\(info.plural)/\($0)" } ?? info.plural
      throw StatusError(
        code: 403, reason: "Forbidden",
        message:
          "\(info.groupResource) is forbidden: User \"aiconsole:read-only\" cannot \(verb) resource \"\(resource)\" in API group \(groupText)\(scope)",
        details: ["group": .string(info.group), "kind": .string(info.plural)])
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
