import ClusterClient
import KubeCore
import Views

extension LogEntry {
  /// The view line of a record, from the fields it was parsed into (the line is not read again):
  /// a JSON line as `time LEVEL pod message key=value...`, a plain one as `[pod] text`, coloured
  /// by the level it shouts. `source` is the pod to name, nil for none.
  init(_ record: LogRecord, source: String?) {
    guard let object = record.fields, let members = object.objectValue else {
      // Info is how most plain lines read: only the other levels stand out.
      let role = LogLevel(plainLine: record.text).flatMap { $0 == .info ? nil : $0.role } ?? .text
      self.init(plain: source.map { "[\($0)] " + record.text } ?? record.text, role: role)
      return
    }
    let shown = Set(LogRecord.timeKeys + LogRecord.levelKeys + LogRecord.messageKeys)
    self.init(
      time: Self.time(of: record, in: object), level: record.level?.label, levelRole: record.level?.role ?? .text,
      source: source, message: record.message ?? "",
      fields: members.filter { !shown.contains($0.key) }.map { (key: $0.key, value: Self.text(of: $0.value)) })
  }

  /// `12:34:56.789` (UTC) from the parsed time; a time that is not RFC 3339 as it was written.
  private static func time(of record: LogRecord, in object: JSONValue) -> String? {
    if let ts = record.ts {
      let stamp = ts.rfc3339Milliseconds
      guard let t = stamp.firstIndex(of: "T") else { return stamp }
      return String(stamp[stamp.index(after: t)...].dropLast())
    }
    return LogRecord.timeKeys.lazy.compactMap { object[$0] }.first.map(text(of:))
  }

  /// A field's value as shown: a string as it is, anything else as JSON.
  private static func text(of value: JSONValue) -> String { value.stringValue ?? value.jsonString }
}

extension LogLevel {
  /// The label the log view shows: `TRACE`, `DEBUG`, `INFO`, `WARN` or `ERROR`.
  var label: String { description.uppercased() }

  /// The theme role a line of this level is drawn in.
  var role: ThemeRole { [.logTrace, .logDebug, .logInfo, .logWarn, .logError][rawValue] }
}
