import ClusterClient
import Foundation
import Testing

@Suite("LogTimestamp")
struct LogTimestampTests {
  @Test(
    "parses RFC 3339 with any fraction and offset",
    arguments: [
      ("2026-01-02T03:04:05Z", 1_767_323_045, 0), ("2026-01-02T03:04:05.5Z", 1_767_323_045, 500_000_000),
      ("2026-01-02T03:04:05.123456789Z", 1_767_323_045, 123_456_789),
      ("2026-01-02T03:04:05.1234567891Z", 1_767_323_045, 123_456_789),
      ("2026-01-02T05:04:05.250+02:00", 1_767_323_045, 250_000_000),
      ("2026-01-01T22:34:05-04:30", 1_767_323_045, 0), ("1970-01-01T00:00:00Z", 0, 0),
      ("1969-12-31T23:59:59.5Z", -1, 500_000_000), ("2024-02-29t12:00:00z", 1_709_208_000, 0),
    ] as [(String, Int64, Int32)])
  func parses(text: String, seconds: Int64, nanoseconds: Int32) {
    #expect(LogTimestamp(rfc3339: text) == LogTimestamp(seconds: seconds, nanoseconds: nanoseconds))
  }

  @Test(
    "refuses what is not RFC 3339",
    arguments: [
      "", "2026-01-02", "2026-01-02T03:04:05", "2026-13-02T03:04:05Z", "2026-01-02T25:04:05Z",
      "2026-01-02T03:04:05Z trailing", "2026-01-02T03:04:05.Z", "2026-01-02T03:04:05+0200", "hello world",
    ])
  func refuses(text: String) {
    #expect(LogTimestamp(rfc3339: text) == nil)
  }

  @Test("writes RFC 3339 in UTC with only the fraction digits needed")
  func writes() throws {
    let stamp = try #require(LogTimestamp(rfc3339: "2026-01-02T05:04:05.120+02:00"))
    #expect(stamp.rfc3339 == "2026-01-02T03:04:05.12Z")
    #expect(stamp.rfc3339Seconds == "2026-01-02T03:04:05Z")
    #expect(LogTimestamp(seconds: -1, nanoseconds: 500_000_000).rfc3339 == "1969-12-31T23:59:59.5Z")
    #expect(LogTimestamp(seconds: 951_782_400).rfc3339 == "2000-02-29T00:00:00Z")
  }

  @Test("orders by instant, whatever the fraction width")
  func orders() throws {
    let texts = ["2026-01-02T03:04:05Z", "2026-01-02T03:04:05.5Z", "2026-01-02T05:04:05.9+02:00"]
    let stamps = try texts.map { try #require(LogTimestamp(rfc3339: $0)) }
    #expect(stamps[0] < stamps[1] && stamps[1] < stamps[2])
    #expect(texts.sorted() != texts, "text order would disagree")
  }

  @Test("converts to and from Date to the microsecond")
  func dates() {
    let date = Date(timeIntervalSince1970: 1_767_323_045.25)
    #expect(LogTimestamp(date) == LogTimestamp(seconds: 1_767_323_045, nanoseconds: 250_000_000))
    #expect(LogTimestamp(date).date == date)
  }
}
