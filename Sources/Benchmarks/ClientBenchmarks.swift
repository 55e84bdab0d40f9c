import AIResources
import ClusterClient
import Foundation
import KubeCore

/// ClusterClient: decoding a large list and ingesting watch events into an informer's cache.
enum ClientBenchmarks {
  static let area = "ClusterClient"
  static let aiclusters = AICluster.resource

  /// Decodes the embedded server's real 10,000-object list body: JSON parse plus list decode.
  static func listDecode(_ client: KubeClient) async throws -> BenchmarkReport.Row {
    let (status, body) = try await client.send(.GET, aiclusters.path(namespace: "bench-list"))
    guard status == 200 else { throw BenchmarkFailure("list answered \(status)") }
    progress("decoding a \(body.count / 1024) KiB list…")
    var times: [Double] = []
    var count = 0
    for run in 0..<14 {
      let start = ContinuousClock.now
      let list = try ObjectList(decoding: try JSONParser.parse(body))
      let elapsed = (ContinuousClock.now - start).seconds * 1000
      count = list.items.count
      if run > 1 { times.append(elapsed) }
    }
    let sample = Sample(values: times)
    return .init(
      area: area, name: "decode a \(count.formatted())-object AICluster list (\(body.count / 1024) KiB)",
      median: String(format: "%.1f ms", sample.median), p99: String(format: "%.1f ms", sample.p99),
      target: "< 200 ms", met: sample.median < 200)
  }

  /// Replays `events` changes from the server's watch history as fast as the pipe allows: each
  /// event is framed by the server, carried over TLS, decoded and applied to an `ObjectCache`, the
  /// informer's own path.
  static func watchIngest(_ client: KubeClient, events: Int = 20_000) async throws -> BenchmarkReport.Row {
    _ = try await client.json(
      .POST, "/api/v1/namespaces",
      body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "bench-ingest"]])
    let start = try await client.list(aiclusters, namespace: "bench-ingest").resourceVersion
    progress("writing \(events) changes to replay…")
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<4 {
        group.addTask {
          for index in stride(from: worker, to: events, by: 4) {
            let body = ControlPlaneBenchmarks.aiCluster("i\(index)")
            _ = try await client.send(.POST, aiclusters.path(namespace: "bench-ingest"), body: body)
          }
        }
      }
      try await group.waitForAll()
    }
    var rates: [Double] = []
    for run in 0..<4 {
      var cache = ObjectCache()
      let began = ContinuousClock.now
      let stream = try await client.watch(
        aiclusters, namespace: "bench-ingest", options: ListOptions(resourceVersion: start))
      var received = 0
      for try await event in stream {
        if event.kind == .added || event.kind == .modified { cache.upsert(event.object) }
        received += 1
        if received == events { break }
      }
      let seconds = (ContinuousClock.now - began).seconds
      guard cache.count == events else { throw BenchmarkFailure("cache holds \(cache.count) of \(events)") }
      if run > 0 { rates.append(Double(events) / seconds) }
    }
    let sample = Sample(values: rates)
    return .init(
      area: area, name: "watch events ingested into the cache (\(events.formatted())-event replay over HTTPS)",
      median: String(format: "%.0f/s", sample.median), p99: "—", target: "≥ 20,000/s", met: sample.median >= 20_000)
  }
}
