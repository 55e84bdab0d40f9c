extension AIApplication.Status {
  /// `status.slo`: each objective of `spec.monitoring` measured against the gateway's metrics, with
  /// its error budget over `window` and its burn rates over the alerting windows.
  public struct SLO: Codable, Sendable, Hashable {
    /// The budget window the objectives are counted over (`spec.monitoring.window`).
    public var window: String?
    /// How much of the window the controller has metrics for (`DurationText`); shorter than
    /// `window` while its history is young, and the budget is then counted over what it has.
    public var observed: String?
    /// One entry per objective set in `spec.monitoring`.
    public var targets: [Target]?

    /// An SLO status.
    public init(window: String? = nil, observed: String? = nil, targets: [Target]? = nil) {
      self.window = window
      self.observed = observed
      self.targets = targets
    }
  }

  /// One objective: what it allows, where it stands and how fast it burns its budget.
  public struct Target: Codable, Sendable, Hashable {
    /// The alert the multi-window burn-rate rules raise.
    public enum Alert: String, Codable, Sendable, CaseIterable {
      /// No rule fires.
      case none = "None"
      /// 6h and 30m both burn above 6×: the budget goes in 5 days at this pace.
      case ticket = "Ticket"
      /// 1h and 5m both burn above 14.4×: 2% of a 30-day budget goes in an hour.
      case page = "Page"
    }

    /// The `spec.monitoring` field: `latencyP99Millis` or `errorRatePercent`.
    public var name: String
    /// The share of requests that must be good, as a fraction (0.99 for 1% errors allowed).
    public var objective: Double?
    /// The measured value over the shortest window with requests: the p99 latency in
    /// milliseconds, or the error rate in percent.
    public var current: Double?
    /// The budget left over the window as a fraction of the whole: 1 untouched, 0 spent,
    /// below 0 overspent.
    public var errorBudgetRemaining: Double?
    /// The burn rate over each alerting window (5m, 30m, 1h, 6h, 3d).
    public var burnRates: [BurnRate]?
    /// What the burn-rate rules say.
    public var alert: Alert?

    /// A target.
    public init(
      name: String, objective: Double? = nil, current: Double? = nil, errorBudgetRemaining: Double? = nil,
      burnRates: [BurnRate]? = nil, alert: Alert? = nil
    ) {
      self.name = name
      self.objective = objective
      self.current = current
      self.errorBudgetRemaining = errorBudgetRemaining
      self.burnRates = burnRates
      self.alert = alert
    }
  }

  /// The pace a window spends the budget at: its bad fraction over the fraction allowed.
  public struct BurnRate: Codable, Sendable, Hashable {
    /// How much of a window the metrics covered.
    public enum Data: String, Codable, Sendable, CaseIterable {
      /// The history spans the whole window.
      case full = "Full"
      /// The history is shorter than the window: the rate is over the part it spans.
      case partial = "Partial"
      /// No request in the window (or no metrics at all): no rate.
      case none = "None"
    }

    /// The window (`5m`, `30m`, `1h`, `6h`, `3d`).
    public var window: String
    /// The burn rate; absent without requests.
    public var rate: Double?
    /// Whether the window had data, all of it or part.
    public var data: Data?
    /// Requests counted in the window.
    public var requests: Int64?

    /// A burn rate.
    public init(window: String, rate: Double? = nil, data: Data? = nil, requests: Int64? = nil) {
      self.window = window
      self.rate = rate
      self.data = data
      self.requests = requests
    }
  }
}
