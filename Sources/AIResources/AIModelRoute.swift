import KubeCore

/// A gateway route from a model name to weighted InferenceServices (`airoute`).
public struct AIModelRoute: AIObject {
  /// The route.
  public struct Spec: Codable, Sendable, Hashable {
    /// One weighted backend.
    public struct Backend: Codable, Sendable, Hashable {
      /// The InferenceService's name.
      public var service: String
      /// Its relative share of the requests, 0...100 (default 100).
      public var weight: Int?

      /// A backend.
      public init(service: String, weight: Int? = nil) {
        self.service = service
        self.weight = weight
      }
    }

    /// Who may use the route.
    public struct Auth: Codable, Sendable, Hashable {
      /// How clients authenticate.
      public enum AuthType: String, Codable, Sendable, CaseIterable {
        /// Anyone may call.
        case none = "None"
        /// A bearer key from the referenced Secret.
        case apiKey = "APIKey"
      }

      /// How clients authenticate (default None).
      public var type: AuthType?
      /// The Secret holding the keys; required for APIKey.
      public var secretRef: ObjectReference?

      /// An auth setting.
      public init(type: AuthType? = nil, secretRef: ObjectReference? = nil) {
        self.type = type
        self.secretRef = secretRef
      }
    }

    /// Limits per route and key.
    public struct RateLimit: Codable, Sendable, Hashable {
      /// Requests per minute.
      public var requestsPerMinute: Int?
      /// Tokens (input and output) per minute.
      public var tokensPerMinute: Int?
      /// Requests allowed above the rate in a burst.
      public var burst: Int?

      /// A rate limit.
      public init(requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil, burst: Int? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.burst = burst
      }
    }

    /// Exact-match response caching.
    public struct Cache: Codable, Sendable, Hashable {
      /// Whether responses are cached (default false).
      public var enabled: Bool?
      /// How long a cached response lives (default 300).
      public var ttlSeconds: Int?

      /// A cache setting.
      public init(enabled: Bool? = nil, ttlSeconds: Int? = nil) {
        self.enabled = enabled
        self.ttlSeconds = ttlSeconds
      }
    }

    /// The model name clients ask for.
    public var model: String
    /// The HTTP path (default `/v1/chat/completions`).
    public var path: String?
    /// The InferenceServices requests go to.
    public var backends: [Backend]
    /// Who may use the route.
    public var auth: Auth?
    /// Limits per route and key.
    public var rateLimit: RateLimit?
    /// The ModelContextSchema requests must satisfy.
    public var contextSchemaRef: ObjectReference?
    /// Response caching.
    public var cache: Cache?
    /// The upstream timeout (default 30).
    public var timeoutSeconds: Int?

    /// A route for `model`.
    public init(
      model: String, backends: [Backend], path: String? = nil, auth: Auth? = nil, rateLimit: RateLimit? = nil,
      contextSchemaRef: ObjectReference? = nil, cache: Cache? = nil, timeoutSeconds: Int? = nil
    ) {
      self.model = model
      self.backends = backends
      self.path = path
      self.auth = auth
      self.rateLimit = rateLimit
      self.contextSchemaRef = contextSchemaRef
      self.cache = cache
      self.timeoutSeconds = timeoutSeconds
    }
  }

  /// What the gateway and controller observed.
  public struct Status: AIStatus {
    /// One backend's readiness.
    public struct BackendStatus: Codable, Sendable, Hashable {
      /// The InferenceService's name.
      public var service: String?
      /// Whether it has ready instances.
      public var ready: Bool?
      /// The weight in effect.
      public var weight: Int?

      /// A backend status.
      public init(service: String? = nil, ready: Bool? = nil, weight: Int? = nil) {
        self.service = service
        self.ready = ready
        self.weight = weight
      }
    }

    /// Each backend's readiness.
    public var backends: [BackendStatus]?
    /// The generation this status describes.
    public var observedGeneration: Int64?
    /// `Accepted`, `ResolvedRefs`, `Programmed`.
    public var conditions: [Condition]?
    /// The live state of the last reconcile.
    public var reconcile: ReconcileState?

    /// A status.
    public init(
      backends: [BackendStatus]? = nil, observedGeneration: Int64? = nil, conditions: [Condition]? = nil,
      reconcile: ReconcileState? = nil
    ) {
      self.backends = backends
      self.observedGeneration = observedGeneration
      self.conditions = conditions
      self.reconcile = reconcile
    }
  }

  /// The AIModelRoute CRD.
  public static var definition: AIKindDefinition { AIModelRouteCRD.definition }

  /// `ai.aiconsole.dev/v1`.
  public var apiVersion: String = AIKinds.apiVersion
  /// `AIModelRoute`.
  public var kind: String = "AIModelRoute"
  /// Standard object metadata.
  public var metadata: ObjectMeta
  /// The route.
  public var spec: Spec
  /// What the gateway and controller observed.
  public var status: Status?

  /// An AIModelRoute.
  public init(metadata: ObjectMeta, spec: Spec) {
    self.metadata = metadata
    self.spec = spec
  }
}
