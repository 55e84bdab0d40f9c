import AIResources
import Foundation
import KubeCore

/// What every instance of one AICluster revision is made from: the part of the spec whose change
/// means new instances (a replica count or an endpoint change does not). Its hash names the
/// revision, so equal templates — a rollback — land on the same revision.
public struct InstanceTemplate: Codable, Sendable, Hashable {
  public var modelName: String
  public var modelVersion: String?
  public var image: String?
  public var resources: ResourceRequests?
  public var port: Int

  /// The port instances listen on when the spec names none (vLLM's).
  public static let defaultPort = 8000
  /// The image of an instance when the spec names none.
  public static let defaultImage = "vllm/vllm-openai:v0.6.3"

  public init(
    modelName: String, modelVersion: String? = nil, image: String? = nil, resources: ResourceRequests? = nil,
    port: Int = InstanceTemplate.defaultPort
  ) {
    self.modelName = modelName
    self.modelVersion = modelVersion
    self.image = image
    self.resources = resources
    self.port = port
  }

  /// The template an AICluster's spec asks for.
  public init(_ spec: AICluster.Spec) {
    self.init(
      modelName: spec.modelName, modelVersion: spec.modelVersion, image: spec.image,
      resources: spec.resourceRequests, port: spec.endpoint?.port ?? Self.defaultPort)
  }

  /// GPUs one instance needs.
  public var gpus: Int { resources?.gpu ?? 0 }

  /// The template as stored in a ControllerRevision's `data`.
  public var json: JSONValue {
    get throws {
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      return try JSONParser.parse(Array(encoder.encode(self)))
    }
  }

  /// The template's name among its revisions: a hash of its canonical JSON.
  public var hash: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return StableHash.name((try? encoder.encode(self)) ?? Data())
  }
}
