import Foundation

/// The benchmark report as it lives in docs/benchmarks.md: the measured tables sit between
/// `<!-- bench:KEY begin -->` and `<!-- bench:KEY end -->` markers, one block per area, and the
/// analysis written around them by hand stays. A run replaces the blocks of the areas it measured
/// and leaves the others as they were, so `--only gateway` refreshes the gateway's table without
/// dropping the control plane's, and a full `make bench` keeps the prose that explains the figures.
struct BenchmarkDocument {
  /// One area's measured part: when it ran and on how busy a machine, its notes and its table.
  struct Block: Equatable {
    var area: String
    var text: String

    /// The marker key of a heading: its words before any parenthesis, lowercased and joined
    /// by hyphens ("Control plane (aiconsole serve, …)" is `control-plane`).
    static func key(of area: String) -> String {
      let head = area.split(separator: "(", maxSplits: 1).first.map(String.init) ?? area
      let words = head.lowercased().split { !$0.isLetter && !$0.isNumber }
      return words.joined(separator: "-")
    }

    var key: String { Self.key(of: area) }
    var begin: String { "<!-- bench:\(key) begin -->" }
    var end: String { "<!-- bench:\(key) end -->" }
    var marked: String { begin + "\n" + text + end }
  }

  /// The file's text with `blocks` put in: each replaces the block of its key where the file has
  /// one, and the others follow at the end under their own headings. Nil or empty `existing`
  /// starts from `heading`.
  static func merge(_ blocks: [Block], into existing: String?, heading: String) -> String {
    var document = existing.flatMap { $0.isEmpty ? nil : $0 } ?? heading
    for block in blocks {
      if let range = range(of: block, in: document) {
        document.replaceSubrange(range, with: block.marked)
      } else {
        if !document.hasSuffix("\n") { document += "\n" }
        document += "\n## \(block.area)\n\n" + block.marked + "\n"
      }
    }
    return document
  }

  /// Where `block`'s markers and what lies between them are, if both markers are there in order.
  private static func range(of block: Block, in document: String) -> Range<String.Index>? {
    guard let begin = document.range(of: block.begin),
      let end = document.range(of: block.end, range: begin.upperBound..<document.endIndex)
    else { return nil }
    return begin.lowerBound..<end.upperBound
  }
}
