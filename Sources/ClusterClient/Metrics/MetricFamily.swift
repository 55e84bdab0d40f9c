/// The five metric types of the Prometheus text format 0.0.4.
public enum MetricType: String, Sendable, Hashable {
  case counter, gauge, histogram, summary, untyped
}

/// One sample line: a series (name and labels) with its value and optional timestamp.
public struct MetricSample: Sendable, Hashable {
  /// The sample's own name (`…_bucket`, `…_sum` for histograms).
  public var name: String
  /// Labels in the order they were written.
  public var labels: [Label]
  public var value: Double
  /// Milliseconds since the epoch, when the exposition gave one.
  public var timestamp: Int64?

  public struct Label: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  public init(name: String, labels: [Label] = [], value: Double, timestamp: Int64? = nil) {
    self.name = name
    self.labels = labels
    self.value = value
    self.timestamp = timestamp
  }

  /// The value of one label, if the sample has it.
  public subscript(label name: String) -> String? {
    labels.first { $0.name == name }?.value
  }

  /// The series identity: name and labels sorted by name, as a stable key for rates.
  public var seriesKey: String {
    name + "{" + labels.sorted { $0.name < $1.name }.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",") + "}"
  }
}

/// A metric family: its name, help and type, and every sample that belongs to it.
public struct MetricFamily: Sendable, Hashable {
  public var name: String
  public var help: String?
  public var type: MetricType
  public var samples: [MetricSample]

  public init(name: String, help: String? = nil, type: MetricType, samples: [MetricSample] = []) {
    self.name = name
    self.help = help
    self.type = type
    self.samples = samples
  }
}

/// A parsed exposition: the families in the order they first appeared.
public struct Exposition: Sendable {
  public var families: [MetricFamily]

  public init(families: [MetricFamily]) { self.families = families }

  /// The family named `name`.
  public func family(_ name: String) -> MetricFamily? { families.first { $0.name == name } }

  /// Every sample with exactly this sample name, across families.
  public func samples(named name: String) -> [MetricSample] {
    families.flatMap { $0.samples.filter { $0.name == name } }
  }

  /// How many samples there are in all.
  public var sampleCount: Int { families.reduce(0) { $0 + $1.samples.count } }
}
