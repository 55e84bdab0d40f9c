import ClusterClient

/// Reads the gateway's request metrics out of one scrape, by `SignalKey`:
/// `aiconsole_gateway_requests_total{route, code, service_namespace, inference_service, pool}`
/// gives requests, 5xx and 429; the histograms `gen_ai_server_request_duration` and
/// `gen_ai_server_time_to_first_token` give the latencies, summed over their model and
/// operation labels.
enum GatewayExposition {
  static let requests = "aiconsole_gateway_requests_total"
  static let duration = "gen_ai_server_request_duration"
  static let firstToken = "gen_ai_server_time_to_first_token"

  /// The counts of `families`, scraped from endpoint number `source`.
  static func counts(_ families: [MetricFamily], source: Int) -> [SignalKey: SignalCounts] {
    var counts: [SignalKey: SignalCounts] = [:]
    for family in families {
      switch family.name {
      case requests:
        for sample in family.samples {
          let key = key(sample.label, source: source, route: sample.label("route") ?? "")
          let code = Int(sample.label("code") ?? "") ?? 0
          counts[key, default: .zero].requests += sample.value
          if code >= 500 { counts[key, default: .zero].serverErrors += sample.value }
          if code == 429 { counts[key, default: .zero].rateLimited += sample.value }
        }
      case duration, firstToken:
        for histogram in family.histograms {
          let key = key(histogram.label, source: source, route: histogram.label("route") ?? "")
          for bucket in histogram.buckets {
            if family.name == duration {
              counts[key, default: .zero].duration[bucket.upperBound, default: 0] += bucket.cumulativeCount
            } else {
              counts[key, default: .zero].firstToken[bucket.upperBound, default: 0] += bucket.cumulativeCount
            }
          }
        }
      default:
        continue
      }
    }
    return counts
  }

  private static func key(_ label: (String) -> String?, source: Int, route: String) -> SignalKey {
    SignalKey(
      source: source, route: route, namespace: label("service_namespace") ?? "",
      service: label("inference_service") ?? "", pool: label("pool") ?? "")
  }
}
