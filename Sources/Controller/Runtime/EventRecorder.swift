import AIResources
import ClusterClient
import Foundation
import KubeCore
import Logging

/// Emits core/v1 Events about the objects the controller acts on, as `kubectl describe` and the
/// console's describe view show them. An Event caused by an edit carries that edit's change ID
/// (annotation `ai.aiconsole.dev/change-id`), so the console can put it beside the edit's logs.
/// Best effort, as in client-go: a lost Event never fails a reconcile.
public struct EventRecorder: Sendable {
  public enum EventType: String, Sendable {
    case normal = "Normal"
    case warning = "Warning"
  }

  static let events = CoreResources.events
  public let client: KubeClient
  /// `source.component` and `reportingComponent`.
  public let component: String
  /// `reportingInstance`: which controller process.
  public let instance: String

  public init(client: KubeClient, component: String = "aiconsole-controller", instance: String = Self.hostName) {
    self.client = client
    self.component = component
    self.instance = instance
  }

  public static var hostName: String { ProcessInfo.processInfo.hostName }

  /// Records that `reason` happened to `object`.
  public func record(
    _ object: JSONValue, _ type: EventType, reason: String, message: String, changeID: String?, logger: Logger? = nil
  ) async {
    let event = Self.event(
      about: object, type, reason: reason, message: message, changeID: changeID, component: component,
      instance: instance, now: Date())
    do {
      _ = try await client.create(Self.events, event)
    } catch {
      logger?.debug("event lost", metadata: ["reason": "\(reason)", "error": "\(error)"])
    }
  }

  static func event(
    about object: JSONValue, _ type: EventType, reason: String, message: String, changeID: String?,
    component: String, instance: String, now: Date
  ) -> JSONValue {
    let metadata = object["metadata"] ?? .emptyObject
    let name = metadata["name"]?.stringValue ?? ""
    let stamp = LogTimestamp(now)
    var annotations: JSONValue = .emptyObject
    if let changeID { annotations[ChangeStamp.idAnnotation] = .string(changeID) }
    return [
      "apiVersion": "v1", "kind": "Event",
      "metadata": [
        "name": .string("\(name).\(String(UInt64(stamp.seconds) << 30 | UInt64(stamp.nanoseconds), radix: 16))"),
        "namespace": metadata["namespace"] ?? "default",
        "annotations": annotations,
      ],
      "involvedObject": [
        "apiVersion": object["apiVersion"] ?? "", "kind": object["kind"] ?? "", "name": .string(name),
        "namespace": metadata["namespace"] ?? "", "uid": metadata["uid"] ?? "",
        "resourceVersion": metadata["resourceVersion"] ?? "",
      ],
      "reason": .string(reason), "message": .string(message), "type": .string(type.rawValue),
      "source": ["component": .string(component)],
      "reportingComponent": .string(component), "reportingInstance": .string(instance),
      "firstTimestamp": .string(stamp.rfc3339Seconds), "lastTimestamp": .string(stamp.rfc3339Seconds), "count": 1,
    ]
  }
}
