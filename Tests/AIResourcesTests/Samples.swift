import Foundation
import KubeCore

/// The manifests under `config/samples/`, read from the package checkout.
enum Samples {
  /// The sample files, one per kind.
  static let files: [String: String] = [
    "AICluster": "aicluster.yaml", "ModelDeployment": "modeldeployment.yaml",
    "InferenceService": "inferenceservice.yaml", "AIModelRoute": "aimodelroute.yaml",
    "ModelContextSchema": "modelcontextschema.yaml", "AIApplication": "aiapplication.yaml",
  ]

  /// `config/samples/` of the package this file belongs to.
  static var directory: URL {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("config/samples")
  }

  /// The text of `file`.
  static func text(_ file: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
  }

  /// The sample of `kind` as an object.
  static func object(kind: String) throws -> JSONValue {
    try JSONValue.parseYAML(text(files[kind] ?? ""))
  }
}
