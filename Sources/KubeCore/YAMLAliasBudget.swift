/// go-yaml's guard against alias expansion (yaml.v2/v3 `decoder.unmarshal`, which kube-apiserver
/// decodes YAML bodies with through sigs.k8s.io/yaml): every node decoded counts, every node decoded
/// inside an alias counts again as aliased, and once more than 100 are aliased among more than 1,000
/// the aliased share may be at most 99% up to 400,000 decodes, falling linearly to 10% at 4,000,000.
/// Counted without expanding: an alias adds what its anchored node's expansion took.
struct YAMLAliasBudget {
  private(set) var decodes = 0
  private(set) var aliased = 0

  mutating func countNode(at place: YAMLPlace) throws(YAMLSyntaxError) {
    decodes += 1
    try check(place)
  }

  mutating func countAlias(expandingTo count: Int, at place: YAMLPlace) throws(YAMLSyntaxError) {
    // go-yaml counts node by node; the aliased share only rises along one alias's nodes and the
    // allowed share only falls, so checking once at its end refuses exactly where go-yaml would.
    decodes += count
    aliased += count
    try check(place)
  }

  private func check(_ place: YAMLPlace) throws(YAMLSyntaxError) {
    guard aliased > 100, decodes > 1000, Double(aliased) / Double(decodes) > Self.allowedRatio(decodes) else { return }
    throw YAMLSyntaxError(
      description: "yaml: document contains excessive aliasing (at \(place)): "
        + "\(aliased) of \(decodes) nodes would come from aliases")
  }

  static func allowedRatio(_ decodes: Int) -> Double {
    let low = 400_000.0
    let high = 4_000_000.0
    let count = Double(decodes)
    if count <= low { return 0.99 }
    if count >= high { return 0.10 }
    return 0.99 - 0.89 * (count - low) / (high - low)
  }
}
