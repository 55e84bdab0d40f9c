import Foundation
import KubeCore
import Views

/// The object as YAML, as `kubectl get -o yaml` prints it (`KubectlOutput`), with a Secret's
/// values hidden unless the user asked to reveal them.
struct YAMLView: Sendable {
  /// The YAML, one line each.
  var lines: [String]
  /// Whether lines are numbered.
  var lineNumbers: Bool
  /// Whether a Secret's values are shown, decoded (`x`).
  var revealsSecrets: Bool

  /// The YAML of `object`.
  init(object: JSONValue, revealSecrets: Bool = false, lineNumbers: Bool = false) {
    lines = Self.lines(of: object, revealSecrets: revealSecrets)
    self.lineNumbers = lineNumbers
    revealsSecrets = revealSecrets
  }

  /// The annotation `kubectl apply` keeps the whole applied object in, values included.
  static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

  /// The lines of `object`'s YAML.
  static func lines(of object: JSONValue, revealSecrets: Bool = false) -> [String] {
    let object = revealSecrets ? decoded(object) : redacted(object)
    var lines = KubectlOutput.yaml(object).components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Whether `object` is a core/v1 Secret.
  static func isSecret(_ object: JSONValue) -> Bool {
    DetailFields.kind(object) == "Secret" && DetailFields.group(object).isEmpty
  }

  /// `object` with every Secret value replaced by `<hidden: N bytes>`, and the applied copy
  /// `kubectl apply` leaves in an annotation (which holds the same values) hidden too.
  static func redacted(_ object: JSONValue) -> JSONValue {
    guard isSecret(object) else { return object }
    var object = object
    for key in ["data", "stringData"] {
      guard let members = object[key]?.objectValue else { continue }
      var hidden = members
      for (name, value) in members {
        let text = value.stringValue ?? ""
        let bytes = key == "data" ? (Data(base64Encoded: text)?.count ?? text.utf8.count) : text.utf8.count
        hidden[name] = .string("<hidden: \(bytes) bytes>")
      }
      object[key] = .object(hidden)
    }
    if object[path: ["metadata", "annotations", lastAppliedAnnotation]] != nil {
      object.set("<hidden>", at: ["metadata", "annotations", lastAppliedAnnotation])
    }
    return object
  }

  /// `object` with a Secret's `data` decoded from base64, as k9s shows it on `x`: text values as
  /// text, binary ones left in base64 and marked so.
  static func decoded(_ object: JSONValue) -> JSONValue {
    guard isSecret(object), let members = object["data"]?.objectValue else { return object }
    var object = object
    var plain = members
    for (name, value) in members {
      let text = value.stringValue ?? ""
      if let bytes = Data(base64Encoded: text), let decoded = String(data: bytes, encoding: .utf8) {
        plain[name] = .string(decoded)
      } else {
        plain[name] = .string("<binary, base64> \(text)")
      }
    }
    object["data"] = .object(plain)
    return object
  }

  /// Draws the lines from `scroll`.
  func render(into buffer: inout ScreenBuffer, area: Rect, scroll: DetailScroll, theme: Theme) {
    TextLinesView(lines: lines, lineNumbers: lineNumbers, highlight: .yaml)
      .render(into: &buffer, area: area, scroll: scroll, theme: theme)
  }
}
