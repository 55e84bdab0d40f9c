import ClusterClient
import Foundation

/// How long the API server takes to hand over every AICluster, measured in process over HTTPS:
/// in one GET, and in pages of 500 as informers (the console's, the controller's) and kubectl read
/// a collection — each page a request with the previous page's `continue` token.
struct ServerListTimer {
  /// The client the requests go through.
  let client: KubeClient
  /// Objects expected in the collection.
  let objects: Int

  static let collection = "/apis/ai.aiconsole.dev/v1/aiclusters"
  static let pageSize = 500

  /// Milliseconds of `runs` single GETs after two warm-ups, body read to the end.
  func whole(runs: Int) async throws -> Sample {
    var times: [Double] = []
    for run in 0..<(runs + 2) {
      let start = ContinuousClock.now
      let (status, body) = try await client.send(.GET, Self.collection)
      let elapsed = (ContinuousClock.now - start).seconds * 1000
      guard status == 200, body.count > objects * 100 else { throw BenchmarkFailure("list answered \(status)") }
      if run > 1 { times.append(elapsed) }
    }
    return Sample(values: times)
  }

  /// Milliseconds of `runs` paged lists after one warm-up, from the first request to the last
  /// page's body.
  func paged(runs: Int) async throws -> Sample {
    var times: [Double] = []
    for run in 0..<(runs + 1) {
      let start = ContinuousClock.now
      let pages = try await readPages()
      let elapsed = (ContinuousClock.now - start).seconds * 1000
      let expected = (objects + Self.pageSize - 1) / Self.pageSize
      guard pages == expected else { throw BenchmarkFailure("a paged list took \(pages) pages, not \(expected)") }
      if run > 0 { times.append(elapsed) }
    }
    return Sample(values: times)
  }

  /// Reads every page; returns how many there were.
  private func readPages() async throws -> Int {
    var token: String?
    var pages = 0
    repeat {
      var path = Self.collection + "?limit=\(Self.pageSize)"
      if let token { path += "&continue=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
      let (status, body) = try await client.send(.GET, path)
      guard status == 200 else { throw BenchmarkFailure("a page answered \(status)") }
      pages += 1
      token = Self.continueToken(body)
    } while token != nil
    return pages
  }

  private static let marker = Array(#""continue":""#.utf8)

  /// The list's `metadata.continue`, found in the bytes rather than by parsing the page, so that
  /// the figure is the server's and the transport's, not the client's decode.
  static func continueToken(_ body: [UInt8]) -> String? {
    guard let start = ByteSearch.end(of: marker, in: body),
      let end = body[start...].firstIndex(of: UInt8(ascii: "\""))
    else { return nil }
    return String(decoding: body[start..<end], as: UTF8.self)
  }
}
