extension LogFilter {
  /// Reads a filter as a user types it: space-separated terms, all of which must hold.
  ///
  /// * `level>=warn` — at least this level (`trace`, `debug`, `info`, `warn`, `error`);
  /// * `correlation_id=abc` — the correlation ID;
  /// * `key=value` — a field (`route=chat`, `status=500`, `msg="no backend"`);
  /// * `/regex/` — a regular expression, which may hold spaces (`/time(d )?out/`);
  /// * `"some text"` or any other word — a substring.
  ///
  /// Throws a `LogFilterError` naming the bad term: an unknown level, a bad or unterminated
  /// regular expression, an unterminated quote.
  public static func parse(_ query: String) throws(LogFilterError) -> LogFilter {
    var scanner = QueryScanner(text: Array(query))
    var level: LogLevel?
    var correlationID: String?
    var substrings: [String] = []
    var patterns: [LogPattern] = []
    var fields: [FieldMatch] = []
    while let term = try scanner.next() {
      switch term {
      case .pattern(let source): patterns.append(try LogPattern(source))
      case .text(let text): substrings.append(text)
      case .word(let word):
        if let levelText = word.value(after: "level>=") {
          guard let parsed = LogLevel(parsing: levelText) else {
            throw LogFilterError("unknown level \"\(levelText)\": use trace, debug, info, warn or error")
          }
          level = parsed
        } else if let id = word.value(after: "correlation_id=") {
          correlationID = id
        } else if let field = word.field {
          fields.append(field)
        } else {
          substrings.append(word.text)
        }
      }
    }
    return LogFilter(
      minimumLevel: level, substrings: substrings, patterns: patterns, fields: fields, correlationID: correlationID)
  }
}

/// One term of a query.
private enum QueryTerm {
  /// `/source/`.
  case pattern(String)
  /// A quoted substring.
  case text(String)
  /// Anything else; quotes inside it (`msg="a b"`) are already removed.
  case word(QueryWord)
}

private struct QueryWord {
  var text: String
  /// How many characters precede the first `=` outside quotes, when the word has one.
  var equals: Int?

  func value(after prefix: String) -> String? {
    text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
  }

  /// `key=value` when the key is a plain name.
  var field: LogFilter.FieldMatch? {
    guard let equals, equals > 0 else { return nil }
    let key = text.prefix(equals)
    guard key.allSatisfy({ $0.isLetter || $0.isNumber || "_.-/".contains($0) }) else { return nil }
    return LogFilter.FieldMatch(key: String(key), value: String(text.dropFirst(equals + 1)))
  }
}

/// Splits a query into terms, honouring `/…/` and `"…"` (with `\"` inside quotes).
private struct QueryScanner {
  let text: [Character]
  var index = 0

  mutating func next() throws(LogFilterError) -> QueryTerm? {
    while index < text.count, text[index].isWhitespace { index += 1 }
    guard index < text.count else { return nil }
    switch text[index] {
    case "/":
      index += 1
      // `\/` is a slash inside the expression, not its end.
      guard let close = text.indices[index...].first(where: { text[$0] == "/" && text[$0 - 1] != "\\" }) else {
        throw LogFilterError("unterminated regular expression /\(String(text[index...])): end it with /")
      }
      defer { index = close + 1 }
      return .pattern(String(text[index..<close]))
    case "\"":
      index += 1
      return .text(try quoted())
    default:
      return .word(try word())
    }
  }

  private mutating func word() throws(LogFilterError) -> QueryWord {
    var word = QueryWord(text: "")
    while index < text.count, !text[index].isWhitespace {
      if text[index] == "\"" {
        index += 1
        word.text += try quoted()
        continue
      }
      if text[index] == "=", word.equals == nil { word.equals = word.text.count }
      word.text.append(text[index])
      index += 1
    }
    return word
  }

  /// The text up to the closing quote, which is consumed.
  private mutating func quoted() throws(LogFilterError) -> String {
    var result = ""
    let start = index
    while index < text.count {
      let character = text[index]
      index += 1
      if character == "\"" { return result }
      if character == "\\", index < text.count, text[index] == "\"" {
        result.append("\"")
        index += 1
      } else {
        result.append(character)
      }
    }
    throw LogFilterError("unterminated quote \"\(String(text[start...])): end it with \"")
  }
}
