/// Reads the Prometheus text exposition format, version 0.0.4: what `/metrics` of vLLM, the DCGM
/// exporter and the AI gateway serve.
///
/// The reader works on bytes, never on `String` scanning, so a 50,000-sample scrape costs a few
/// milliseconds. It follows the rules of Prometheus' own parsers: `# HELP` and `# TYPE` at most
/// once per family and `# TYPE` before the family's samples; label values escape `\\`, `\"` and
/// `\n`; values are Go floats (`NaN`, `+Inf`, `-Inf`); an optional integer timestamp in
/// milliseconds; histogram and summary families collect their `_bucket`, `_sum` and `_count`
/// series. Any violation is an `ExpositionError` naming the line; no input makes it crash.
public enum PrometheusTextParser {
  /// The families of an exposition, in the order they first appear.
  public static func parse(_ bytes: [UInt8]) throws(ExpositionError) -> [MetricFamily] {
    try bytes.withUnsafeBufferPointer { buffer throws(ExpositionError) in try parse(buffer) }
  }

  /// The families of an exposition given as text.
  public static func parse(_ text: String) throws(ExpositionError) -> [MetricFamily] {
    try parse(Array(text.utf8))
  }

  /// The families of an exposition in memory the caller owns for the duration of the call.
  public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(ExpositionError) -> [MetricFamily] {
    var reader = ExpositionReader(buffer)
    try reader.readAll()
    return reader.families
  }
}
