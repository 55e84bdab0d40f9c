/// A configuration that cannot be used, naming the file and the field, as an operator needs to fix it.
public struct KubeconfigError: Error, Sendable, CustomStringConvertible {
  /// The file at fault, or a description of the source (`KUBECONFIG`, `in-cluster`).
  public var file: String
  /// The field at fault, as a path (`users[name=alice].user.client-key`).
  public var field: String?
  public var reason: String

  public init(file: String, field: String? = nil, reason: String) {
    self.file = file
    self.field = field
    self.reason = reason
  }

  public var description: String { "kubeconfig \(file)" + (field.map { ": \($0)" } ?? "") + ": \(reason)" }
}
