import KubeCore

/// The Model Context Protocol envelope a route accepts (`mcs`).
public struct ModelContextSchema: AIObject {
  /// The envelope's fields.
  public struct Spec: Codable, Sendable, Hashable {
    /// One context field.
    public struct Field: Codable, Sendable, Hashable {
      /// The JSON type a field's value must have.
      public enum FieldType: String, Codable, Sendable, CaseIterable {
        /// A string.
        case string
        /// A number.
        case number
        /// `true` or `false`.
        case boolean
        /// An array of strings.
        case stringArray = "array<string>"
        /// A JSON object.
        case object
        /// Any JSON value.
        case json
      }

      /// The field's key in the context envelope.
      public var name: String
      /// The JSON type its value must have.
      public var type: FieldType
      /// Whether requests must carry it (default false).
      public var required: Bool?
      /// What it means.
      public var description: String?
      /// A pattern string values (and each string of an `array<string>`) must match.
      public var validationRegex: String?

      /// A context field.
      public init(
        name: String, type: FieldType, required: Bool? = nil, description: String? = nil,
        validationRegex: String? = nil
      ) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
        self.validationRegex = validationRegex
      }
    }

    /// What the envelope is for.
    public var description: String?
    /// The envelope's fields.
    public var contextFields: [Field]

    /// A schema of `contextFields`.
    public init(description: String? = nil, contextFields: [Field]) {
      self.description = description
      self.contextFields = contextFields
    }
  }

  /// Whether the schema is usable.
  public struct Status: AIStatus {
    /// Whether the gateway can enforce it.
    public var ready: Bool?
    /// When the schema last changed (RFC 3339).
    public var lastUpdated: String?
    /// The generation this status describes.
    public var observedGeneration: Int64?
    /// `Valid`.
    public var conditions: [Condition]?
    /// The live state of the last reconcile.
    public var reconcile: ReconcileState?

    /// A status.
    public init(
      ready: Bool? = nil, lastUpdated: String? = nil, observedGeneration: Int64? = nil,
      conditions: [Condition]? = nil, reconcile: ReconcileState? = nil
    ) {
      self.ready = ready
      self.lastUpdated = lastUpdated
      self.observedGeneration = observedGeneration
      self.conditions = conditions
      self.reconcile = reconcile
    }
  }

  /// The ModelContextSchema CRD.
  public static var definition: AIKindDefinition { ModelContextSchemaCRD.definition }

  /// `ai.aiconsole.dev/v1`.
  public var apiVersion: String = AIKinds.apiVersion
  /// `ModelContextSchema`.
  public var kind: String = "ModelContextSchema"
  /// Standard object metadata.
  public var metadata: ObjectMeta
  /// The envelope's fields.
  public var spec: Spec
  /// Whether the schema is usable.
  public var status: Status?

  /// A ModelContextSchema.
  public init(metadata: ObjectMeta, spec: Spec) {
    self.metadata = metadata
    self.spec = spec
  }
}
