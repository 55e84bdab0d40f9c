import Foundation
import KubeCore

/// Builds `meta.k8s.io/v1` Tables, the form `kubectl get` asks for, from a resource's printer columns.
struct TableWriter {
  let info: ResourceInfo
  /// The time ages are computed against.
  var now: Date
  /// `includeObject`: None, Metadata (the default) or Object.
  let includeObject: String

  static let nameColumn: JSONValue = [
    "name": "Name", "type": "string", "format": "name",
    "description":
      "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
    "priority": 0,
  ]

  /// Whether an Accept header asks for a Table.
  static func wanted(_ accept: String) -> Bool { contains(accept, "as=Table") }

  /// Whether an Accept header asks for PartialObjectMetadata.
  static func wantsMetadataOnly(_ accept: String) -> Bool {
    contains(accept, "as=PartialObjectMetadata") && !wanted(accept)
  }

  /// Whether `text` holds `needle`, compared byte by byte: every write's answer asks this of its
  /// Accept header three times, and both `String.contains` (Foundation's CFString search) and
  /// `utf8.firstRange(of:)` (a generic searcher) cost microseconds each.
  static func contains(_ text: String, _ needle: StaticString) -> Bool {
    let wanted = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
    let bytes = Array(text.utf8)
    guard let first = wanted.first, bytes.count >= wanted.count else { return wanted.isEmpty }
    for start in 0...(bytes.count - wanted.count) where bytes[start] == first {
      if bytes[start..<start + wanted.count].elementsEqual(wanted) { return true }
    }
    return false
  }

  /// The columns: a leading Name column unless the kind places its own (Events show it last, at
  /// priority 1), then the kind's printer columns.
  var columnDefinitions: JSONValue {
    let definitions: [JSONValue] = info.columns.map { column in
      [
        "name": .string(column.name), "type": .string(column.type), "format": .string(column.format),
        "description": .string(column.description), "priority": .int(Int64(column.priority)),
      ]
    }
    return .array(placesName ? definitions : [Self.nameColumn] + definitions)
  }

  /// Whether a built-in kind's columns include the name column (format `name`) themselves. A
  /// custom resource always gets the leading Name column, whatever format its own columns name.
  private var placesName: Bool { !info.isCustom && info.columns.contains { $0.format == "name" } }

  /// A Table of these objects with list metadata; without `headers` its `columnDefinitions` is
  /// null, as kube-apiserver sends every watch event after the first.
  func table(_ objects: [JSONValue], listMetadata: JSONValue, headers: Bool = true) -> JSONValue {
    [
      "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata,
      "columnDefinitions": headers ? columnDefinitions : .null, "rows": .array(objects.map(row)),
    ]
  }

  /// One row: the Name cell, one cell per column, the row's conditions if the kind has any, and
  /// the object in the requested form.
  func row(_ object: JSONValue) -> JSONValue {
    var cells: [JSONValue] = placesName ? [] : [object["metadata"]?["name"] ?? ""]
    for column in info.columns { cells.append(cell(column, object)) }
    var row: JSONValue = ["cells": .array(cells)]
    if let conditions = info.rowConditions?(object) { row["conditions"] = conditions }
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
    let path: String
    switch column.source {
    case .jsonPath(let columnPath): path = columnPath
    case .computed(let compute): return compute(object)
    case .printed(let print): return print(object, now)
    }
    guard let value = JSONPath(path).evaluate(object).first else { return .null }
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
