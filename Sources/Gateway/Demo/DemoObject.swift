import AIResources
import ClusterClient
import KubeCore

/// One object the demo seeds: where it is created and what it is.
public struct DemoObject: Sendable {
  /// The collection it is POSTed to.
  public var resource: APIResource
  /// The whole object, as a client would send it.
  public var body: JSONValue

  /// `kind/name`, for messages.
  public var description: String {
    "\(resource.kind)/\(body[path: ["metadata", "name"]]?.stringValue ?? "")"
  }

  /// A built-in object.
  static func core(_ resource: APIResource, _ body: JSONValue) -> DemoObject {
    DemoObject(resource: resource, body: body)
  }

  /// One of the AI kinds, encoded from its typed form so that a field the API does not have
  /// cannot be written here.
  static func ai<Object: AIObject>(_ object: Object) throws -> DemoObject {
    DemoObject(resource: Object.resource, body: try JSONValue(encoding: object))
  }
}
