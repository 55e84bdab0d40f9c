/// Gathers samples into families as the parser meets them, checking the rules a scraper enforces:
/// one TYPE and one HELP per family, TYPE before the family's samples, `le` on histogram buckets
/// and `quantile` on summary samples.
struct FamilyBuilder {
  private(set) var families: [MetricFamily] = []
  private var index: [String: Int] = [:]
  private var typed: Set<String> = []
  private var described: Set<String> = []

  mutating func declare(_ name: String, type: MetricType, line: Int) throws(ExpositionError) {
    guard !typed.contains(name) else { throw ExpositionError(line: line, reason: "second TYPE line for \(name)") }
    if let position = index[name] {
      guard families[position].samples.isEmpty else {
        throw ExpositionError(line: line, reason: "TYPE line for \(name) after its samples")
      }
      families[position].type = type
    } else {
      append(MetricFamily(name: name, type: type))
    }
    typed.insert(name)
  }

  mutating func describe(_ name: String, help: String, line: Int) throws(ExpositionError) {
    guard described.insert(name).inserted else {
      throw ExpositionError(line: line, reason: "second HELP line for \(name)")
    }
    if let position = index[name] {
      families[position].help = help
    } else {
      append(MetricFamily(name: name, help: help, type: .untyped))
    }
  }

  mutating func add(_ sample: MetricSample, line: Int) throws(ExpositionError) {
    let position = family(for: sample.name)
    switch families[position].type {
    case .histogram where sample.name.hasSuffix("_bucket"):
      guard let bound = sample[label: "le"], Double(bound) != nil else {
        throw ExpositionError(line: line, reason: "histogram bucket \(sample.name) needs a numeric le label")
      }
    case .summary where sample.name == families[position].name:
      guard let quantile = sample[label: "quantile"], Double(quantile) != nil else {
        throw ExpositionError(line: line, reason: "summary \(sample.name) needs a numeric quantile label")
      }
    default: break
    }
    families[position].samples.append(sample)
  }

  /// The family a sample name belongs to: its own, or a histogram's or summary's whose suffixed
  /// sample it is; a sample of no declared family starts an untyped one.
  private mutating func family(for name: String) -> Int {
    if let position = index[name] { return position }
    for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
      let base = String(name.dropLast(suffix.count))
      if let position = index[base] {
        let type = families[position].type
        if type == .histogram || (type == .summary && suffix != "_bucket") { return position }
      }
    }
    append(MetricFamily(name: name, type: .untyped))
    return families.count - 1
  }

  private mutating func append(_ family: MetricFamily) {
    index[family.name] = families.count
    families.append(family)
  }
}
