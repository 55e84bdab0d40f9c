import Foundation
import KubeCore

/// One kubeconfig file's named entries, with relative file paths resolved against the file's
/// directory as kubectl resolves them.
struct KubeconfigFile: Sendable {
  let path: String
  var currentContext: String?
  var clusters: [(name: String, value: JSONValue)] = []
  var users: [(name: String, value: JSONValue)] = []
  var contexts: [(name: String, value: JSONValue)] = []

  /// Reads and checks the shape of `path`; errors name the file and the field.
  static func read(path: String) throws(KubeconfigError) -> KubeconfigFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
      throw KubeconfigError(file: path, reason: reason)
    }
    return try parse(data, path: path)
  }

  static func parse(_ data: Data, path: String) throws(KubeconfigError) -> KubeconfigFile {
    guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else {
      throw KubeconfigError(file: path, reason: "not a kubeconfig: the file is not UTF-8 text")
    }
    let document: JSONValue
    do {
      document = try JSONValue.parseYAML(text)
    } catch {
      throw KubeconfigError(file: path, reason: "\(error)")
    }
    var file = KubeconfigFile(path: path)
    if document.isNull { return file }  // kubectl treats an empty file as an empty config
    guard document.objectValue != nil else {
      throw KubeconfigError(file: path, reason: "not a kubeconfig: expected a mapping, found \(document.typeName)")
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    file.currentContext = document["current-context"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    file.clusters = try entries(document, "clusters", "cluster", path) {
      resolve($0, ["certificate-authority"], directory)
    }
    file.users = try entries(document, "users", "user", path) { resolveUser($0, directory) }
    file.contexts = try entries(document, "contexts", "context", path) { $0 }
    return file
  }

  private static func entries(
    _ document: JSONValue, _ list: String, _ body: String, _ path: String, _ transform: (JSONValue) -> JSONValue
  ) throws(KubeconfigError) -> [(name: String, value: JSONValue)] {
    guard let value = document[list], !value.isNull else { return [] }
    guard let items = value.arrayValue else {
      throw KubeconfigError(file: path, field: list, reason: "expected a list, found \(value.typeName)")
    }
    var result: [(name: String, value: JSONValue)] = []
    for (index, item) in items.enumerated() {
      guard let name = item["name"]?.stringValue, !name.isEmpty else {
        throw KubeconfigError(file: path, field: "\(list)[\(index)].name", reason: "an entry has no name")
      }
      // As client-go's conversion to its maps: one file naming an entry twice is refused, not merged.
      guard !result.contains(where: { $0.name == name }) else {
        throw KubeconfigError(
          file: path, field: "\(list)[\(index)].name",
          reason: "duplicate name \"\(name)\": another \(body) in this file has it")
      }
      let content = item[body] ?? .emptyObject
      guard content.objectValue != nil || content.isNull else {
        throw KubeconfigError(
          file: path, field: "\(list)[name=\(name)].\(body)", reason: "expected a mapping, found \(content.typeName)")
      }
      result.append((name, transform(content.isNull ? .emptyObject : content)))
    }
    return result
  }

  private static func resolveUser(_ user: JSONValue, _ directory: String) -> JSONValue {
    var user = resolve(user, ["client-certificate", "client-key", "tokenFile"], directory)
    if let command = user["exec"]?["command"]?.stringValue, command.contains("/"), !command.hasPrefix("/") {
      user.set(.string(directory + "/" + command), at: ["exec", "command"])
    }
    return user
  }

  private static func resolve(_ value: JSONValue, _ keys: [String], _ directory: String) -> JSONValue {
    var value = value
    for key in keys {
      if let path = value[key]?.stringValue, !path.isEmpty, !path.hasPrefix("/") {
        value[key] = .string(directory + "/" + path)
      }
    }
    return value
  }
}
