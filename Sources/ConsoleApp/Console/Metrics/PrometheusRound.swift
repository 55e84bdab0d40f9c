import ClusterClient

/// One round of reading a Prometheus server: ask which profiles it has data for, then run those
/// profiles' queries at once, and gather what answered into one update.
struct PrometheusRound: Sendable {
  /// How the server is reached.
  var transport: MetricsTransport
  /// Wall-clock milliseconds.
  var now: @Sendable () -> Int64

  /// The update of one round against `source`.
  func read(_ source: MetricsSource) async -> MetricsUpdate {
    let timestamp = now()
    let profiles: Set<MetricsProfile>
    do throws(PrometheusAPIError) {
      profiles = try await detect(source.url)
    } catch {
      return MetricsUpdate(source: source, timestampMilliseconds: timestamp, payload: .failed(error.description))
    }
    let (results, error) = await run(MetricsQuery.queries(for: profiles), on: source.url)
    return MetricsUpdate(
      source: source, timestampMilliseconds: timestamp,
      payload: .queries(results, profiles: profiles, error: error))
  }

  /// The profiles whose telltale names the server holds series of.
  func detect(_ baseURL: String) async throws(PrometheusAPIError) -> Set<MetricsProfile> {
    let result = try await transport.query(baseURL, MetricsQuery.detection.expression)
    return Set(result.vector.compactMap { $0.label("__name__").flatMap(MetricsQuery.profile(ofDetected:)) })
  }

  /// Runs `queries` concurrently; the answers by id, and the first failure's reason.
  func run(_ queries: [MetricsQuery], on baseURL: String) async -> ([String: [PrometheusInstantSample]], String?) {
    let transport = transport
    return await withTaskGroup(of: (String, Result<PrometheusQueryResult, PrometheusAPIError>).self) { group in
      for query in queries {
        group.addTask {
          do throws(PrometheusAPIError) {
            return (query.id, .success(try await transport.query(baseURL, query.expression)))
          } catch {
            return (query.id, .failure(error))
          }
        }
      }
      var results: [String: [PrometheusInstantSample]] = [:]
      var firstError: String?
      for await (id, result) in group {
        switch result {
        case .success(let answer): results[id] = answer.vector
        case .failure(let error): firstError = firstError ?? "\(id): \(error.description)"
        }
      }
      return (results, firstError)
    }
  }
}
