import Foundation
import KubeCore
import Logging

/// A swift-log handler that writes each record as one line of JSON, the log format of DESIGN.md:
/// `ts` (RFC 3339 UTC, milliseconds), `level`, `logger` (the label), `msg`, `correlation_id` (from
/// the metadata key of that name; an empty string without one), then every other metadata key in
/// name order, and `error` when the record carries one. Metadata is the handler's, then the
/// metadata provider's, then the call's, each overriding the one before. A metadata key named
/// like one of the first five fields does not replace it: those always say what the record is.
public struct JSONLineLogHandler: LogHandler {
  /// The fields every line starts with, in order.
  static let leadingFields = ["ts", "level", "logger", "msg", "correlation_id"]

  /// The logger's label, written as `logger`.
  public let label: String
  /// The least severe level written; `Logger` filters before calling the handler.
  public var logLevel: Logger.Level = .info
  /// Metadata added to every record.
  public var metadata: Logger.Metadata = [:]
  /// Contextual metadata (task-local values, say) added to every record.
  public var metadataProvider: Logger.MetadataProvider?
  private let sink: @Sendable (String) -> Void
  private let now: @Sendable () -> Date

  /// A handler for `label` that hands each line, without its newline, to `sink` (by default
  /// standard error, one `write` per line); `now` stamps the records.
  public init(
    label: String, metadataProvider: Logger.MetadataProvider? = nil,
    sink: @escaping @Sendable (String) -> Void = JSONLineLogHandler.standardError,
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.label = label
    self.metadataProvider = metadataProvider
    self.sink = sink
    self.now = now
  }

  /// Metadata of this handler by key.
  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Writes one record as one line.
  public func log(event: LogEvent) {
    var merged = metadata
    if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
    if let call = event.metadata { merged.merge(call) { _, new in new } }
    if let error = event.error, merged["error"] == nil { merged["error"] = .string(String(describing: error)) }
    sink(line(level: event.level, message: event.message.description, metadata: merged))
  }

  /// The JSON line for a record with all its metadata already merged.
  func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
    var object: JSONValue = [
      "ts": .string(LogTimestamp(now()).rfc3339Milliseconds), "level": .string(level.rawValue),
      "logger": .string(label), "msg": .string(message),
      "correlation_id": .string(metadata["correlation_id"].map(Self.text) ?? ""),
    ]
    for key in metadata.keys.sorted() where !Self.leadingFields.contains(key) {
      object[key] = metadata[key].map(Self.json)
    }
    return object.jsonString
  }

  private static func text(_ value: Logger.Metadata.Value) -> String {
    switch value {
    case .string(let text): return text
    case .stringConvertible(let convertible): return convertible.description
    case .array, .dictionary: return json(value).jsonString
    }
  }

  private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
    switch value {
    case .string(let text): return .string(text)
    case .stringConvertible(let convertible): return .string(convertible.description)
    case .array(let values): return .array(values.map(json))
    case .dictionary(let members):
      var object = JSONValue.emptyObject
      for key in members.keys.sorted() { object[key] = members[key].map(json) }
      return object
    }
  }

  /// Writes `line` and a newline to standard error in one `write`, so that lines logged from
  /// several threads at once never interleave.
  public static let standardError: @Sendable (String) -> Void = { line in
    var bytes = Array(line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    writeToStandardError(bytes)
  }

  /// Writes `bytes` to standard error whole, however many `write` calls that takes.
  public static func writeToStandardError(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        // Nowhere is left to report a failing standard error, so the line is dropped.
        guard written > 0 else { return }
        offset += written
      }
    }
  }
}
