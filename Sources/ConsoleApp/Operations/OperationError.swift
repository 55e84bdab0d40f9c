import ClusterClient
import KubeCore

/// Why an operation did not happen, with what the operator needs to put it right: the server's
/// field errors, the object as it is now after a conflict, and the text an edit was made of.
struct OperationError: Error, Sendable, CustomStringConvertible {
  /// What kind of failure this is, for callers that react differently (reopen an editor, say).
  enum Kind: Sendable, Hashable {
    /// The operations value is read-only; nothing was sent.
    case readOnly
    /// The request was refused before sending: out of bounds, no such revision, bad YAML.
    case badInput
    /// The object changed since it was read; `current` holds it as it is now.
    case conflict
    /// The server refused the object; `fields` names each bad field.
    case invalid
    /// The object does not exist.
    case notFound
    /// The object has a controlling owner that sets what the operation would change; `owner` names it.
    case ownedByController
    /// Any other failure of the API call.
    case failed
  }

  /// One refused field and why.
  struct FieldMessage: Sendable, Hashable, CustomStringConvertible {
    /// The field's path (`spec.backends[0].weight`); empty when the server named none.
    var field: String
    /// What is wrong with it.
    var message: String

    var description: String { field.isEmpty ? message : "\(field): \(message)" }
  }

  var kind: Kind
  var message: String
  /// The server's field errors of an `invalid` answer.
  var fields: [FieldMessage] = []
  /// The object as the server has it now, after a `conflict`.
  var current: JSONValue?
  /// The operator's text (an edited YAML), kept so that nothing typed is lost.
  var text: String?
  /// The controller that would revert the operation, for an `ownedByController` refusal.
  var owner: ControllingOwner?

  init(
    _ kind: Kind, _ message: String, fields: [FieldMessage] = [], current: JSONValue? = nil, text: String? = nil,
    owner: ControllingOwner? = nil
  ) {
    self.kind = kind
    self.message = message
    self.fields = fields
    self.current = current
    self.text = text
    self.owner = owner
  }

  /// The failure of an API call, with a `422`'s causes as field messages.
  init(_ error: any Error, text: String? = nil) {
    if let error = error as? OperationError {
      self = error
      if self.text == nil { self.text = text }
      return
    }
    guard let error = error as? KubeError else {
      self.init(.failed, "\(error)", text: text)
      return
    }
    switch error {
    case .invalid(_, let causes):
      let fields = causes.map { FieldMessage(field: $0.field, message: $0.message) }
      self.init(.invalid, error.description, fields: fields, text: text)
    case .conflict: self.init(.conflict, error.description, text: text)
    case .notFound: self.init(.notFound, error.description, text: text)
    default: self.init(.failed, error.description, text: text)
    }
  }

  /// The message and, one a line, each field error.
  var description: String {
    let extra = fields.map(\.description).filter { !message.contains($0) }
    return ([message] + extra.map { "  \($0)" }).joined(separator: "\n")
  }
}
