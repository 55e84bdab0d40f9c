import Prometheus

/// The controller's metrics under controller-runtime's and client-go's names, so that dashboards
/// and alerts written for any Kubernetes operator work unchanged:
/// `controller_runtime_reconcile_total{controller,result}`,
/// `controller_runtime_reconcile_errors_total{controller}`,
/// `controller_runtime_reconcile_time_seconds{controller}`, `controller_runtime_active_workers`,
/// `workqueue_depth{name,controller}`, `workqueue_adds_total`, `workqueue_retries_total`, and
/// `leader_election_master_status{name}`.
public final class ControllerMetrics: Sendable {
  public let registry: PrometheusCollectorRegistry
  /// controller-runtime's reconcile-time buckets.
  static let buckets: [Duration] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5,
    1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
  ].map { Duration.milliseconds(Int64($0 * 1000)) }

  public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
    self.registry = registry
  }

  /// The Prometheus text exposition of every metric.
  public func exposition() -> [UInt8] {
    var buffer: [UInt8] = []
    registry.emit(into: &buffer)
    return buffer
  }

  func reconciled(_ controller: String, result: String, duration: Duration) {
    counter(
      "controller_runtime_reconcile_total", "Total number of reconciliations per controller",
      [
        ("controller", controller), ("result", result),
      ]
    ).increment()
    if result == "error" {
      counter(
        "controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller",
        [
          ("controller", controller)
        ]
      ).increment()
    }
    registry.makeDurationHistogram(
      descriptor: descriptor(
        "controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller"),
      labels: [("controller", controller)], buckets: Self.buckets
    ).record(duration)
  }

  func workers(_ controller: String, active: Int) {
    gauge(
      "controller_runtime_active_workers", "Number of currently used workers per controller",
      [
        ("controller", controller)
      ]
    ).set(to: Double(active))
  }

  func queue(_ controller: String, depth: Int) {
    gauge("workqueue_depth", "Current depth of workqueue", [("name", controller), ("controller", controller)])
      .set(to: Double(depth))
  }

  func queued(_ controller: String, retry: Bool) {
    counter(
      "workqueue_adds_total", "Total number of adds handled by workqueue",
      [
        ("name", controller), ("controller", controller),
      ]
    ).increment()
    if retry {
      counter(
        "workqueue_retries_total", "Total number of retries handled by workqueue",
        [
          ("name", controller), ("controller", controller),
        ]
      ).increment()
    }
  }

  /// Whether this process leads (1) or waits (0).
  public func leading(_ lease: String, _ isLeader: Bool) {
    gauge(
      "leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease",
      [
        ("name", lease)
      ]
    ).set(to: isLeader ? 1.0 : 0.0)
  }

  private func counter(_ name: String, _ help: String, _ labels: [(String, String)]) -> Counter {
    registry.makeCounter(descriptor: descriptor(name, help), labels: labels)
  }

  private func gauge(_ name: String, _ help: String, _ labels: [(String, String)]) -> Gauge {
    registry.makeGauge(descriptor: descriptor(name, help), labels: labels)
  }

  /// The registry wants a name in parts; the whole name as one part keeps controller-runtime's.
  private func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
    MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
  }
}
