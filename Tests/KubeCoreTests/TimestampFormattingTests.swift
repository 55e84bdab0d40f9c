import Foundation
import Testing

@testable import KubeCore

/// The hand-built timestamp text is Foundation's, second for second, across leap days, centuries
/// and the years before 1970 (before 1600, where Foundation writes Julian dates, Foundation writes
/// it); with milliseconds it is the same text with the fraction truncated.
@Suite struct TimestampFormattingTests {
  static let instants: [Double] = [
    0, 0.9, 1.5, -0.5, -1, -86_400, -86_401, 951_782_399, 951_868_800, 1_709_164_800, 1_764_000_000.4567,
    1_796_000_000.999, 4_107_542_400, -14_182_940, -62_135_596_800, -11_676_096_000, 253_402_300_799.5,
  ]

  @Test func secondsAreFoundationsText() {
    var instants = Self.instants
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 { instants.append(Double.random(in: -11_676_096_000...253_000_000_000, using: &generator)) }
    for interval in instants {
      let date = Date(timeIntervalSince1970: interval)
      #expect(Timestamps.format(date) == date.ISO8601Format(), "\(interval)")
    }
  }

  @Test func millisecondsAreTruncated() {
    #expect(
      Timestamps.formatMilliseconds(Date(timeIntervalSince1970: 1_764_000_000.4567)) == "2025-11-24T16:00:00.456Z")
    #expect(Timestamps.formatMilliseconds(Date(timeIntervalSince1970: 1_796_000_000.75)) == "2026-11-30T00:53:20.750Z")
    #expect(Timestamps.formatMilliseconds(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    #expect(Timestamps.formatMilliseconds(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
  }

  @Test func datesBefore1600OrAfter9999AreFoundations() {
    for interval in [300_000_000_000, -11_676_096_001, -40_000_000_000] as [Double] {
      let date = Date(timeIntervalSince1970: interval)
      #expect(Timestamps.format(date) == date.ISO8601Format(), "\(interval)")
    }
  }
}
