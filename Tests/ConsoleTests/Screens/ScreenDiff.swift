/// A unified line diff of two screens: hunks of changed lines with two lines of context, each
/// line with its number in the expected and the actual screen, `-` for expected, `+` for actual.
/// Built on the longest common subsequence, so a pane that moved by a line shows as that move,
/// not as every line after it changed.
struct ScreenDiff {
  /// One line of the diff.
  enum Line: Equatable {
    case same(expected: Int, actual: Int)
    case removed(expected: Int)
    case added(actual: Int)
  }

  let expected: [String]
  let actual: [String]
  /// Every line of both, in order.
  let lines: [Line]

  /// The diff of `expected` against `actual`.
  init(expected: [String], actual: [String]) {
    self.expected = expected
    self.actual = actual
    lines = Self.align(expected, actual)
  }

  /// Whether the two are the same.
  var isEmpty: Bool { !lines.contains { if case .same = $0 { false } else { true } } }

  /// The changed lines with `context` lines around them, hunks apart.
  func text(context: Int = 2) -> String {
    let changed = lines.indices.filter { if case .same = lines[$0] { false } else { true } }
    var shown: [Range<Int>] = []
    for index in changed {
      let range = max(0, index - context)..<min(lines.count, index + context + 1)
      if let last = shown.last, last.upperBound >= range.lowerBound {
        shown[shown.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        shown.append(range)
      }
    }
    return shown.map { range in
      (["@@ lines \(range.lowerBound + 1)-\(range.upperBound) of the diff @@"] + range.map { render(lines[$0]) })
        .joined(separator: "\n")
    }.joined(separator: "\n")
  }

  private func render(_ line: Line) -> String {
    func number(_ n: Int?) -> String {
      let text = n.map { String($0 + 1) } ?? ""
      return String(repeating: " ", count: max(0, 4 - text.count)) + text
    }
    switch line {
    case .same(let e, let a): return "  \(number(e)) \(number(a)) │\(expected[e])"
    case .removed(let e): return "- \(number(e)) \(number(nil)) │\(expected[e])"
    case .added(let a): return "+ \(number(nil)) \(number(a)) │\(actual[a])"
    }
  }

  /// The lines of both in order, by the longest common subsequence of lines.
  private static func align(_ a: [String], _ b: [String]) -> [Line] {
    // common[i][j]: the length of the longest common subsequence of a[i...] and b[j...].
    var common = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
      }
    }
    var lines: [Line] = []
    var (i, j) = (0, 0)
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        lines.append(.same(expected: i, actual: j))
        (i, j) = (i + 1, j + 1)
      } else if i < a.count, j == b.count || common[i + 1][j] >= common[i][j + 1] {
        lines.append(.removed(expected: i))
        i += 1
      } else {
        lines.append(.added(actual: j))
        j += 1
      }
    }
    return lines
  }
}
