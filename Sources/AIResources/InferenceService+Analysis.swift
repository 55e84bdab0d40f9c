extension InferenceService.Spec.Canary {
  /// Progressive delivery with analysis: the controller sets the canary's traffic to each step's
  /// share in turn, compares the canary pool with the stable pool over the step, and at the end
  /// promotes the canary, or aborts it as soon as a check fails.
  public struct Analysis: Codable, Sendable, Hashable {
    /// One traffic step.
    public struct Step: Codable, Sendable, Hashable {
      /// The canary's share of requests during the step, in percent (1..100, rising step to step).
      public var trafficPercent: Int
      /// How long the step lasts (`DurationText`, 1s..24h).
      public var duration: String

      /// A step.
      public init(trafficPercent: Int, duration: String) {
        self.trafficPercent = trafficPercent
        self.duration = duration
      }
    }

    /// One limit on the canary pool's figures.
    public struct Threshold: Codable, Sendable, Hashable {
      /// What `value` is compared with.
      public enum Mode: String, Codable, Sendable, CaseIterable {
        /// `value` is the largest ratio of the canary's figure to the stable pool's.
        case relative = "Relative"
        /// `value` is the largest figure itself (percent for the error rate, milliseconds for
        /// latencies).
        case absolute = "Absolute"
      }

      /// Relative to the stable pool, or absolute.
      public var mode: Mode
      /// The limit.
      public var value: Double

      /// A threshold.
      public init(mode: Mode, value: Double) {
        self.mode = mode
        self.value = value
      }
    }

    /// The checks of each step; at least one is set.
    public struct Thresholds: Codable, Sendable, Hashable {
      /// The error rate (5xx among the pool's requests), in percent when absolute.
      public var maxErrorRate: Threshold?
      /// The p99 of the request duration, in milliseconds when absolute.
      public var maxLatencyP99: Threshold?
      /// The p99 of the time to first token, in milliseconds when absolute.
      public var maxTimeToFirstToken: Threshold?

      /// Thresholds.
      public init(
        maxErrorRate: Threshold? = nil, maxLatencyP99: Threshold? = nil, maxTimeToFirstToken: Threshold? = nil
      ) {
        self.maxErrorRate = maxErrorRate
        self.maxLatencyP99 = maxLatencyP99
        self.maxTimeToFirstToken = maxTimeToFirstToken
      }
    }

    /// The traffic steps, in order.
    public var steps: [Step]
    /// The limits the canary is held to.
    public var thresholds: Thresholds?
    /// The fewest requests the canary pool must serve in a step for it to pass (default 20).
    public var minRequests: Int?

    /// The minimum number of requests when none is given.
    public static let defaultMinRequests = 20

    /// An analysis.
    public init(steps: [Step], thresholds: Thresholds? = nil, minRequests: Int? = nil) {
      self.steps = steps
      self.thresholds = thresholds
      self.minRequests = minRequests
    }
  }
}

extension InferenceService.Status {
  /// Where a canary's analysis stands.
  public struct AnalysisStatus: Codable, Sendable, Hashable {
    /// The verdict so far.
    public enum Phase: String, Codable, Sendable, CaseIterable {
      /// Stepping through the traffic steps.
      case progressing = "Progressing"
      /// Every step passed; the canary's model became the stable one.
      case promoted = "Promoted"
      /// A check failed; the canary was removed.
      case aborted = "Aborted"
    }

    /// One check of the last evaluation.
    public struct Check: Codable, Sendable, Hashable {
      /// `maxErrorRate`, `maxLatencyP99`, `maxTimeToFirstToken` or `minRequests`.
      public var name: String
      /// The canary pool's figure.
      public var canary: Double?
      /// The stable pool's figure.
      public var stable: Double?
      /// The largest figure the canary may have (for `minRequests`, the fewest requests).
      public var limit: Double?
      /// Whether the canary met it; absent while there is too little data to say.
      public var passed: Bool?

      /// A check.
      public init(name: String, canary: Double? = nil, stable: Double? = nil, limit: Double? = nil, passed: Bool? = nil)
      {
        self.name = name
        self.canary = canary
        self.stable = stable
        self.limit = limit
        self.passed = passed
      }
    }

    /// The canary ModelDeployment analysed.
    public var canaryModel: String?
    /// The step under way (1-based), or the last one reached.
    public var step: Int?
    /// How many steps there are.
    public var steps: Int?
    /// When the current step began (RFC 3339, milliseconds).
    public var stepStartTime: String?
    /// The verdict so far.
    public var phase: Phase?
    /// What the analysis decided and why, naming both pools' figures.
    public var message: String?
    /// The canary pool's requests in the current step.
    public var canaryRequests: Int64?
    /// The stable pool's requests in the current step.
    public var stableRequests: Int64?
    /// The checks as last evaluated.
    public var checks: [Check]?

    /// An analysis status.
    public init(
      canaryModel: String? = nil, step: Int? = nil, steps: Int? = nil, stepStartTime: String? = nil,
      phase: Phase? = nil, message: String? = nil, canaryRequests: Int64? = nil, stableRequests: Int64? = nil,
      checks: [Check]? = nil
    ) {
      self.canaryModel = canaryModel
      self.step = step
      self.steps = steps
      self.stepStartTime = stepStartTime
      self.phase = phase
      self.message = message
      self.canaryRequests = canaryRequests
      self.stableRequests = stableRequests
      self.checks = checks
    }
  }
}
