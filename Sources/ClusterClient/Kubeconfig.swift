import Foundation
import KubeCore

/// A kubeconfig file reduced to what a connection needs for its current (or a named) context.
public struct KubeconfigContext: Sendable {
  /// The API server URL.
  public var server: String
  /// PEM of the CA that signs the server's certificate, if the kubeconfig names one.
  public var certificateAuthorityPEM: String?
  /// Skip server certificate verification.
  public var insecureSkipTLSVerify: Bool
  /// The bearer token, if the user has one.
  public var token: String?
  /// The context's default namespace.
  public var namespace: String

  /// Loads `path`, picking `context` or the current context; errors name the file and field.
  public static func load(path: String, context: String? = nil) throws -> KubeconfigContext {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw KubeconfigError(file: path, field: nil, reason: "cannot read the file")
    }
    let config: JSONValue
    do {
      config = try JSONValue.parseYAML(String(decoding: data, as: UTF8.self))
    } catch {
      throw KubeconfigError(file: path, field: nil, reason: "\(error)")
    }
    guard let name = context ?? config["current-context"]?.stringValue, !name.isEmpty else {
      throw KubeconfigError(file: path, field: "current-context", reason: "no context is selected")
    }
    let entry = try named(config, "contexts", name, path)["context"] ?? .emptyObject
    let cluster = try named(config, "clusters", entry["cluster"]?.stringValue ?? "", path)["cluster"] ?? .emptyObject
    let user = try named(config, "users", entry["user"]?.stringValue ?? "", path)["user"] ?? .emptyObject
    guard let server = cluster["server"]?.stringValue else {
      throw KubeconfigError(file: path, field: "clusters[].cluster.server", reason: "missing")
    }
    var caPEM: String?
    if let encoded = cluster["certificate-authority-data"]?.stringValue {
      guard let decoded = Data(base64Encoded: encoded) else {
        throw KubeconfigError(
          file: path, field: "clusters[].cluster.certificate-authority-data", reason: "not valid base64")
      }
      caPEM = String(decoding: decoded, as: UTF8.self)
    } else if let file = cluster["certificate-authority"]?.stringValue {
      guard let contents = FileManager.default.contents(atPath: file) else {
        throw KubeconfigError(
          file: path, field: "clusters[].cluster.certificate-authority", reason: "cannot read \(file)")
      }
      caPEM = String(decoding: contents, as: UTF8.self)
    }
    return KubeconfigContext(
      server: server, certificateAuthorityPEM: caPEM,
      insecureSkipTLSVerify: cluster["insecure-skip-tls-verify"]?.boolValue ?? false, token: user["token"]?.stringValue,
      namespace: entry["namespace"]?.stringValue ?? "default")
  }

  private static func named(_ config: JSONValue, _ list: String, _ name: String, _ path: String) throws -> JSONValue {
    guard let found = config[list]?.arrayValue?.first(where: { $0["name"]?.stringValue == name }) else {
      throw KubeconfigError(file: path, field: list, reason: "no entry named \"\(name)\"")
    }
    return found
  }
}

/// A kubeconfig that cannot be used, naming the file and the field.
public struct KubeconfigError: Error, CustomStringConvertible {
  public var file: String
  public var field: String?
  public var reason: String

  public var description: String { "kubeconfig \(file)" + (field.map { ": \($0)" } ?? "") + ": \(reason)" }
}
