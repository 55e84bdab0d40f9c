import KubeCore
import Views

/// Writes `kubectl describe`-style text: `Label:  value` lines aligned per level, nested maps
/// indented by two, camelCase keys as words (`modelName` → `Model Name`), and aligned tables.
struct DescribeWriter: Sendable {
  /// The lines written so far.
  private(set) var lines: [String] = []

  /// Words kubectl prints in capitals.
  static let acronyms: Set<String> = ["api", "uid", "url", "uri", "id", "ip", "gpu", "cpu", "tls", "http", "dns"]

  /// Writes `label:` and `values` (one per line, aligned) at `indent`, the value starting at
  /// `column` — or `<none>` when there is none.
  mutating func field(_ label: String, _ values: [String], indent: Int = 0, column: Int) {
    let head = String(repeating: " ", count: indent) + label + ":"
    let padding = String(repeating: " ", count: max(2, column - head.count))
    let shown = values.isEmpty ? ["<none>"] : values
    lines.append(head + padding + shown[0])
    let continuation = String(repeating: " ", count: head.count + padding.count)
    lines += shown.dropFirst().map { continuation + $0 }
  }

  /// Writes a line as it is.
  mutating func line(_ text: String) { lines.append(text) }

  /// Writes a heading line with nothing after its colon.
  mutating func heading(_ label: String, indent: Int = 0) {
    lines.append(String(repeating: " ", count: indent) + label + ":")
  }

  /// Writes the members of an object at `indent`: scalars aligned, nested objects and lists
  /// indented under their label; null and empty members are left out. `verbatim` keeps keys as
  /// they are, for maps whose keys are data (a Secret's or ConfigMap's `data`).
  mutating func members(_ members: [(key: String, value: JSONValue)], indent: Int, verbatim: Bool = false) {
    let shown = members.filter { !Self.isEmpty($0.value) }
    let label = { (key: String) in verbatim ? key : Self.label(for: key) }
    let scalarLabels = shown.filter { DetailFields.text($0.value) != nil }.map { label($0.key).count }
    let column = indent + (scalarLabels.max() ?? 0) + 3
    for (key, value) in shown {
      let label = label(key)
      if let text = DetailFields.text(value) {
        field(label, text.components(separatedBy: "\n"), indent: indent, column: column)
        continue
      }
      heading(label, indent: indent)
      self.value(value, indent: indent + 2)
    }
  }

  /// Writes a nested value at `indent`: an object's members, or a list's items one after another.
  mutating func value(_ value: JSONValue, indent: Int, verbatim: Bool = false) {
    switch value {
    case .object(let object): members(object.map { ($0.key, $0.value) }, indent: indent, verbatim: verbatim)
    case .array(let items):
      for item in items {
        if let text = DetailFields.text(item) {
          lines.append(String(repeating: " ", count: indent) + text)
        } else {
          self.value(item, indent: indent)
        }
      }
    default: lines.append(String(repeating: " ", count: indent) + (DetailFields.text(value) ?? ""))
    }
  }

  /// Writes a table at `indent`: a header, a rule of dashes under each title, then the rows,
  /// columns three apart as kubectl's tab writer sets them.
  mutating func table(_ header: [String], _ rows: [[String]], indent: Int) {
    let all = [header, header.map { String(repeating: "-", count: $0.count) }] + rows
    var widths = Array(repeating: 0, count: header.count)
    for row in all {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], DisplayWidth.of(cell))
      }
    }
    for row in all {
      let cells = row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - DisplayWidth.of(cell) + 3)
      }
      lines.append(String(repeating: " ", count: indent) + cells.joined())
    }
  }

  /// A key as kubectl labels it: camelCase split into capitalised words, acronyms in capitals;
  /// keys that are not camelCase (`VLLM_MAX_MODEL_LEN`, `app.kubernetes.io/name`) as they are.
  static func label(for key: String) -> String {
    guard key.allSatisfy({ $0.isLetter || $0.isNumber }), key.contains(where: \.isLowercase) else { return key }
    return words(of: key).map { word in
      acronyms.contains(word.lowercased()) ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst()
    }.joined(separator: " ")
  }

  /// camelCase words: a new word at a capital after a small letter or digit, and at the last
  /// capital of a run followed by a small letter (`GPUUtilization` → `GPU`, `Utilization`).
  static func words(of key: String) -> [String] {
    let characters = Array(key)
    var words: [String] = []
    var current = ""
    for (index, character) in characters.enumerated() {
      let previous = index > 0 ? characters[index - 1] : nil
      let next = index + 1 < characters.count ? characters[index + 1] : nil
      let startsWord =
        character.isUppercase
        && ((previous.map { $0.isLowercase || $0.isNumber } ?? false)
          || ((previous?.isUppercase ?? false) && (next?.isLowercase ?? false)))
      if startsWord && !current.isEmpty {
        words.append(current)
        current = ""
      }
      current.append(character)
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// Whether a value has nothing to show.
  static func isEmpty(_ value: JSONValue) -> Bool {
    switch value {
    case .null: true
    case .object(let members): members.isEmpty
    case .array(let items): items.isEmpty
    default: false
    }
  }
}
