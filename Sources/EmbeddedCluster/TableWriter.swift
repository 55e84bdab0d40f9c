import Foundation
import KubeCore

/// Builds `meta.k8s.io/v1` Tables, the form `kubectl get` asks for, from a resource's printer columns.
struct TableWriter {
  let info: ResourceInfo
  let now: Date
  /// `includeObject`: None, Metadata (the default) or Object.
  let includeObject: String

  static let nameColumn: JSONValue = [
    "name": "Name", "type": "string", "format": "name",
    "description":
      "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
    "priority": 0,
  ]

  /// Whether an Accept header asks for a Table.
  static func wanted(_ accept: String) -> Bool { accept.contains("as=Table") }

  /// Whether an Accept header asks for PartialObjectMetadata.
  static func wantsMetadataOnly(_ accept: String) -> Bool {
    accept.contains("as=PartialObjectMetadata") && !accept.contains("as=Table")
  }

  var columnDefinitions: JSONValue {
    .array(
      [Self.nameColumn]
        + info.columns.map { column in
          [
            "name": .string(column.name), "type": .string(column.type == "date" ? "date" : column.type),
            "format": .string(column.format), "description": .string(column.description),
            "priority": .int(Int64(column.priority)),
          ]
        })
  }

  /// A Table of these objects with list metadata.
  func table(_ objects: [JSONValue], listMetadata: JSONValue) -> JSONValue {
    [
      "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata, "columnDefinitions": columnDefinitions,
      "rows": .array(objects.map(row)),
    ]
  }

  /// One row: the Name cell, one cell per column, and the object in the requested form.
  func row(_ object: JSONValue) -> JSONValue {
    var cells: [JSONValue] = [object["metadata"]?["name"] ?? ""]
    for column in info.columns { cells.append(cell(column, object)) }
    var row: JSONValue = ["cells": .array(cells)]
    switch includeObject {
    case "None": break
    case "Object": row["object"] = object
    default: row["object"] = Self.partialMetadata(object)
    }
    return row
  }

  /// The object reduced to `PartialObjectMetadata`.
  static func partialMetadata(_ object: JSONValue) -> JSONValue {
    ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? .emptyObject]
  }

  private func cell(_ column: PrinterColumn, _ object: JSONValue) -> JSONValue {
    let value: JSONValue?
    switch column.source {
    case .jsonPath(let path): value = JSONPath(path).evaluate(object).first
    case .computed(let compute): value = compute(object)
    }
    guard let value else { return .null }
    if column.type == "date", let text = value.stringValue, let date = Timestamps.parse(text) {
      return .string(Timestamps.humanDuration(now.timeIntervalSince(date)))
    }
    switch (column.type, value) {
    case ("string", .int), ("string", .double), ("string", .bool): return .string(value.jsonString)
    case ("string", .object), ("string", .array): return .string(value.jsonString)
    default: return value
    }
  }
}
