/// The name rules of k8s.io/apimachinery/pkg/util/validation, each answering the messages Go
/// answers (empty when the value is valid), with the same regular expressions quoted.
enum NameSyntax {
  static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
  static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
  static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"
  static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
  static let labelValueFormat = "(" + qualifiedNameFormat + ")?"
  static let configMapKeyFormat = "[-._a-zA-Z0-9]+"

  /// Go's `RegexError`: the rule, examples, and the expression.
  static func regexError(_ message: String, _ format: String, _ examples: String...) -> String {
    let shown = examples.map { "'\($0)', " }.joined(separator: " or ")
    return message + " (e.g. " + shown + "regex used for validation is '" + format + "')"
  }

  static func maxLength(_ limit: Int) -> String { "must be no more than \(limit) characters" }

  private static func isLowerAlnum(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  private static func isAlnum(_ byte: UInt8) -> Bool {
    isLowerAlnum(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
  }

  /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, or with a letter first for DNS-1035.
  private static func isLabel(_ text: String, letterFirst: Bool = false) -> Bool {
    let bytes = Array(text.utf8)
    guard let first = bytes.first, let last = bytes.last, isLowerAlnum(first), isLowerAlnum(last) else {
      return false
    }
    if letterFirst, !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) { return false }
    return bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
  }

  static func dns1123Label(_ text: String) -> [String] {
    var errors: [String] = []
    if text.utf8.count > 63 { errors.append(maxLength(63)) }
    if !isLabel(text) {
      errors.append(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          dns1123LabelFormat, "my-name", "123-abc"))
    }
    return errors
  }

  static func dns1035Label(_ text: String) -> [String] {
    var errors: [String] = []
    if text.utf8.count > 63 { errors.append(maxLength(63)) }
    if !isLabel(text, letterFirst: true) {
      errors.append(
        regexError(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
          dns1035LabelFormat, "my-name", "abc-123"))
    }
    return errors
  }

  static func dns1123Subdomain(_ text: String) -> [String] {
    var errors: [String] = []
    if text.utf8.count > 253 { errors.append(maxLength(253)) }
    let labels = text.split(separator: ".", omittingEmptySubsequences: false)
    if !labels.allSatisfy({ isLabel(String($0)) }) {
      errors.append(
        regexError(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
          dns1123SubdomainFormat, "example.com"))
    }
    return errors
  }

  /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
  private static func isQualifiedNamePart(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
    return bytes.allSatisfy {
      isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
    }
  }

  private static let qualifiedNameMessage =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

  /// A label key or annotation key: an optional DNS-subdomain prefix and `/`, then a name part.
  static func qualifiedName(_ text: String) -> [String] {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    var errors: [String] = []
    let name: String
    switch parts.count {
    case 1: name = parts[0]
    case 2:
      name = parts[1]
      if parts[0].isEmpty {
        errors.append("prefix part must be non-empty")
      } else {
        errors += dns1123Subdomain(parts[0]).map { "prefix part " + $0 }
      }
    default:
      return [
        "a qualified name "
          + regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
      ]
    }
    if name.isEmpty {
      errors.append("name part must be non-empty")
    } else if name.utf8.count > 63 {
      errors.append("name part " + maxLength(63))
    }
    if !isQualifiedNamePart(name) {
      errors.append(
        "name part " + regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc"))
    }
    return errors
  }

  static func labelValue(_ text: String) -> [String] {
    var errors: [String] = []
    if text.utf8.count > 63 { errors.append(maxLength(63)) }
    if !text.isEmpty, !isQualifiedNamePart(text) {
      errors.append(
        regexError(
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
          labelValueFormat, "MyValue", "my_value", "12345"))
    }
    return errors
  }

  /// A ConfigMap or Secret data key.
  static func configMapKey(_ text: String) -> [String] {
    var errors: [String] = []
    if text.utf8.count > 253 { errors.append(maxLength(253)) }
    let allowed = !text.isEmpty && text.utf8.allSatisfy { isAlnum($0) || "-._".utf8.contains($0) }
    if !allowed {
      errors.append(
        regexError(
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.'", configMapKeyFormat,
          "key.name", "KEY_NAME", "key-name"))
    }
    if text == "." {
      errors.append("must not be '.'")
    } else if text == ".." {
      errors.append("must not be '..'")
    } else if text.hasPrefix("..") {
      errors.append("must not start with '..'")
    }
    return errors
  }
}
