import Foundation

/// JSON patch (RFC 6902): a list of add / remove / replace / move / copy / test operations on
/// JSON pointers (RFC 6901). Any failing operation fails the whole patch.
public enum JSONPatch {
  /// A patch that could not be applied, naming the operation's index and path.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// `target` after every operation of `patch` (a JSON array) in order. With a `copyLimit` above 0
  /// the serialized size that `copy` operations add, together, may not pass it (as evanphx/json-patch's
  /// `AccumulatedCopySizeLimit`, which kube-apiserver sets to 3 MiB): a few kilobytes of copies of
  /// copies would otherwise double the document at every step.
  public static func apply(_ patch: JSONValue, to target: JSONValue, copyLimit: Int = 0) throws(Failure) -> JSONValue {
    guard case .array(let operations) = patch else {
      throw Failure(description: "a JSON patch must be an array of operations")
    }
    var document = target
    var copied = 0
    for (index, operation) in operations.enumerated() {
      document = try applyOperation(operation, index: index, to: document) { value throws(Failure) in
        guard copyLimit > 0 else { return }
        copied += value.serializedSize(upTo: copyLimit - copied)
        guard copied <= copyLimit else {
          throw Failure(
            description: "operation \(index): Unable to complete the copy, the accumulated size increase of copy "
              + "is \(copied), exceeding the limit \(copyLimit)")
        }
      }
    }
    return document
  }

  private static func applyOperation(
    _ operation: JSONValue, index: Int, to document: JSONValue, copying: (JSONValue) throws(Failure) -> Void
  ) throws(Failure) -> JSONValue {
    func fail(_ reason: String) -> Failure { Failure(description: "operation \(index): \(reason)") }
    guard let op = operation["op"]?.stringValue else { throw fail("missing \"op\"") }
    guard let pathText = operation["path"]?.stringValue else { throw fail("missing \"path\"") }
    let path = try pointer(pathText, fail)
    // The helpers walk the pointer token by token; the message names the whole pointer.
    func atPath(_ reason: String) -> Failure { fail("path \(pathText): \(reason)") }
    switch op {
    case "add":
      guard let value = operation["value"] else { throw fail("\"add\" needs a \"value\"") }
      return try insert(value, at: path, in: document, replacing: false, atPath)
    case "replace":
      guard let value = operation["value"] else { throw fail("\"replace\" needs a \"value\"") }
      _ = try lookup(path, in: document, atPath)
      return try insert(value, at: path, in: document, replacing: true, atPath)
    case "remove":
      return try remove(at: path, in: document, atPath)
    case "test":
      guard try lookup(path, in: document, atPath) == operation["value"] else {
        throw fail("test failed: value at \"\(pathText)\" differs")
      }
      return document
    case "move", "copy":
      guard let fromText = operation["from"]?.stringValue else { throw fail("\"\(op)\" needs a \"from\"") }
      let from = try pointer(fromText, fail)
      func atFrom(_ reason: String) -> Failure { fail("from \(fromText): \(reason)") }
      let value = try lookup(from, in: document, atFrom)
      if op == "copy" { try copying(value) }
      let base = op == "move" ? try remove(at: from, in: document, atFrom) : document
      return try insert(value, at: path, in: base, replacing: false, atPath)
    default:
      throw fail("unknown op \"\(op)\"")
    }
  }

  private static func pointer(_ text: String, _ fail: (String) -> Failure) throws(Failure) -> [String] {
    if text.isEmpty { return [] }
    guard text.hasPrefix("/") else { throw fail("path \"\(text)\" must start with '/'") }
    return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
      $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
  }

  private static func lookup(_ path: [String], in document: JSONValue, _ fail: (String) -> Failure) throws(Failure)
    -> JSONValue
  {
    var current = document
    for token in path {
      switch current {
      case .object(let members):
        guard let next = members[token] else { throw fail("does not exist") }
        current = next
      case .array(let elements):
        guard let position = Int(token), elements.indices.contains(position) else {
          throw fail("index \"\(token)\" out of range")
        }
        current = elements[position]
      default:
        throw fail("does not exist")
      }
    }
    return current
  }

  private static func insert(
    _ value: JSONValue, at path: [String], in document: JSONValue, replacing: Bool, _ fail: (String) -> Failure
  ) throws(Failure) -> JSONValue {
    guard let token = path.first else { return value }
    let rest = Array(path.dropFirst())
    switch document {
    case .object(var members):
      if rest.isEmpty {
        members[token] = value
      } else {
        guard let child = members[token] else { throw fail("does not exist") }
        members[token] = try insert(value, at: rest, in: child, replacing: replacing, fail)
      }
      return .object(members)
    case .array(var elements):
      if rest.isEmpty {
        if token == "-", !replacing {
          elements.append(value)
        } else if let position = Int(token), position >= 0,
          replacing ? position < elements.count : position <= elements.count
        {
          if replacing { elements[position] = value } else { elements.insert(value, at: position) }
        } else {
          throw fail("index \"\(token)\" out of range")
        }
      } else {
        guard let position = Int(token), elements.indices.contains(position) else {
          throw fail("index \"\(token)\" out of range")
        }
        elements[position] = try insert(value, at: rest, in: elements[position], replacing: replacing, fail)
      }
      return .array(elements)
    default:
      throw fail("cannot add to a \(document.typeName) at \"\(token)\"")
    }
  }

  private static func remove(at path: [String], in document: JSONValue, _ fail: (String) -> Failure) throws(Failure)
    -> JSONValue
  {
    guard let token = path.first else { throw fail("cannot remove the whole document") }
    let rest = Array(path.dropFirst())
    switch document {
    case .object(var members):
      guard let child = members[token] else { throw fail("does not exist") }
      if rest.isEmpty {
        members.removeValue(forKey: token)
      } else {
        members[token] = try remove(at: rest, in: child, fail)
      }
      return .object(members)
    case .array(var elements):
      guard let position = Int(token), elements.indices.contains(position) else {
        throw fail("index \"\(token)\" out of range")
      }
      if rest.isEmpty {
        elements.remove(at: position)
      } else {
        elements[position] = try remove(at: rest, in: elements[position], fail)
      }
      return .array(elements)
    default:
      throw fail("does not exist")
    }
  }
}
