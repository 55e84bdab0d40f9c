import Foundation
import Testing

@testable import KubeCore

/// The byte-by-byte reading of Kubernetes' timestamps gives Foundation's answer for every
/// timestamp Kubernetes writes, and leaves every other form to Foundation.
@Suite struct TimestampParsingTests {
  static let written = [
    "1970-01-01T00:00:00Z", "2026-11-25T00:51:47Z", "2000-02-29T23:59:59Z", "2024-02-29T12:00:00Z",
    "1999-12-31T23:59:59Z", "2100-03-01T00:00:00Z", "2026-12-06T10:05:03.5Z", "2026-12-06T10:05:03.123456Z",
    "1969-07-20T20:17:40Z",
  ]

  @Test func kubernetesTimestampsReadAsFoundationReadsThem() throws {
    for text in Self.written {
      let fast = try #require(Timestamps.parseUTC(text), "\(text)")
      let foundation =
        try? Date(text, strategy: .iso8601)
        ?? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
      let expected = try #require(foundation, "\(text)")
      #expect(abs(fast.timeIntervalSince1970 - expected.timeIntervalSince1970) < 0.000_001, "\(text)")
      #expect(Timestamps.parse(text) == fast)
    }
  }

  @Test func otherFormsAreLeftToFoundation() {
    for text in [
      "2026-11-25T00:51:47+02:00", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-25T24:00:00Z",
      "2026-11-25T00:51:60Z", "2026-11-25 00:51:47Z", "2026-11-25T00:51:47.Z", "2026-11-25T00:51:47Zjunk", "",
      "26-11-25T00:51:47Z",
    ] {
      #expect(Timestamps.parseUTC(text) == nil, "\(text)")
    }
    #expect(Timestamps.parse("2026-11-25T00:51:47+02:00") == Timestamps.parse("2026-11-24T22:51:47Z"))
  }
}
