extension PromptState {
  /// Tab: completes to the whole candidate when only one thing matches — one candidate, or several
  /// that are all names of one thing (then to that thing's name, `:in` → `infsvc`); otherwise to
  /// the longest prefix the matches share, and lists what they could complete to.
  mutating func complete() {
    let matching = candidates.filter { $0.hasPrefix(text) }
    guard !matching.isEmpty else { return }
    let names = Self.unique(matching.map { aliases[$0] ?? $0 })
    if names.count == 1, let name = names.first, matching.contains(name) || matching.count == 1 {
      setText(matching.contains(name) ? name : matching[0])
      return
    }
    let common = Self.commonPrefix(matching)
    if common.count > characters.count { setText(String(common)) }
    alternatives = names
  }

  /// The longest prefix every string shares.
  static func commonPrefix(_ strings: [String]) -> [Character] {
    guard var common = strings.first.map(Array.init) else { return [] }
    for string in strings.dropFirst() {
      common = Array(zip(common, string).prefix { $0 == $1 }.map(\.0))
    }
    return common
  }

  private static func unique(_ names: [String]) -> [String] {
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }
}
