import Foundation
import KubeCore

extension BuiltinResources {
  /// Core `v1` Events, with the columns of kube-apiserver's event printer: Last Seen, Type,
  /// Reason, Object, Message, and at priority 1 Subobject, Source, First Seen, Count and Name.
  static let events = ResourceInfo(
    group: "", version: "v1", plural: "events", singular: "event", kind: "Event", namespaced: true,
    shortNames: ["ev"], tracksGeneration: false,
    fieldLabels: [
      "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
      "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
      "reportingComponent", "type",
    ],
    columns: [
      PrinterColumn(
        name: "Last Seen", type: "string",
        description: "The time at which the most recent occurrence of this event was recorded.",
        source: .printed { .string(EventPrinter(event: $0, now: $1).lastSeen) }),
      PrinterColumn(
        name: "Type", type: "string",
        description: "Type of this event (Normal, Warning), new types could be added in the future",
        source: .computed { .string($0["type"]?.stringValue ?? "") }),
      PrinterColumn(
        name: "Reason", type: "string",
        description:
          "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
        source: .computed { .string($0["reason"]?.stringValue ?? "") }),
      PrinterColumn(
        name: "Object", type: "string", description: "The object that this event is about.",
        source: .computed { .string(EventPrinter.target($0)) }),
      PrinterColumn(
        name: "Subobject", type: "string",
        description:
          "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.",
        priority: 1, source: .computed { .string($0["involvedObject"]?["fieldPath"]?.stringValue ?? "") }),
      PrinterColumn(
        name: "Source", type: "string",
        description: "The component reporting this event. Should be a short machine understandable string.",
        priority: 1, source: .computed { .string(EventPrinter.source($0)) }),
      PrinterColumn(
        name: "Message", type: "string", description: "A human-readable description of the status of this operation.",
        source: .computed {
          .string(($0["message"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        }),
      PrinterColumn(
        name: "First Seen", type: "string",
        description: "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)",
        priority: 1, source: .printed { .string(EventPrinter(event: $0, now: $1).firstSeen) }),
      PrinterColumn(
        name: "Count", type: "string", description: "The number of times this event has occurred.", priority: 1,
        source: .computed { .int(EventPrinter.count($0)) }),
      PrinterColumn(
        name: "Name", type: "string", format: "name", description: nameDescription, priority: 1,
        source: .computed { .string($0["metadata"]?["name"]?.stringValue ?? "") }),
    ])

  /// ObjectMeta's `name` documentation, which every Name column carries.
  static var nameDescription: String { TableWriter.nameColumn["description"]?.stringValue ?? "" }
}
