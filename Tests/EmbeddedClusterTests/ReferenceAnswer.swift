import Foundation
import KubeCore

/// A response recorded from a real kube-apiserver v1.36 (copied from the project's shared
/// reference into Fixtures/reference so that a clean clone carries them).
enum ReferenceAnswer {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/reference")

  /// The recorded body, parsed.
  static func json(_ name: String) throws -> JSONValue {
    try JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent(name))))
  }

  /// The parts of a `Status` that matter when comparing answers: everything but the message of
  /// a cause and the uid and name of details (which name objects of the recording).
  static func shape(_ status: JSONValue) -> JSONValue {
    var shape = status
    shape["message"] = nil
    if var details = shape["details"] {
      details["uid"] = details["uid"] == nil ? nil : "<uid>"
      details["name"] = details["name"] == nil ? nil : "<name>"
      details["causes"] = details["causes"].map { causes in
        .array((causes.arrayValue ?? []).map { ["reason": $0["reason"] ?? .null, "field": $0["field"] ?? .null] })
      }
      shape["details"] = details
    }
    return shape
  }
}

extension JSONValue {
  /// Changes every element of the array member `key` (tests edit recorded objects with it).
  mutating func updateEach(_ key: String, _ body: (inout JSONValue) -> Void) {
    guard let elements = self[key]?.arrayValue else { return }
    self[key] = .array(
      elements.map { element in
        var element = element
        body(&element)
        return element
      })
  }
}
