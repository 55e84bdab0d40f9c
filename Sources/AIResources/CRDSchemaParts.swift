/// YAML fragments the AI CRDs share, produced at the indentation where they are spliced in
/// (every line indented, no trailing newline).
enum CRDSchemaParts {
  /// `observedGeneration`, `conditions` (`metav1.Condition`, a list map keyed by `type`) and the live
  /// `reconcile` state of a status.
  static func commonStatus(indent: Int) -> String {
    indented(
      """
      observedGeneration: {type: integer, format: int64, minimum: 0}
      conditions:
        type: array
        maxItems: 16
        x-kubernetes-list-type: map
        x-kubernetes-list-map-keys: [type]
        items:
          type: object
          required: [type, status, lastTransitionTime, reason, message]
          properties:
            type: {type: string, maxLength: 316, pattern: '\(conditionTypePattern)'}
            status: {type: string, enum: ["True", "False", "Unknown"]}
            observedGeneration: {type: integer, format: int64, minimum: 0}
            lastTransitionTime: {type: string, format: date-time}
            reason: {type: string, minLength: 1, maxLength: 1024, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$'}
            message: {type: string, maxLength: 32768}
      reconcile:
        type: object
        description: The live state of the last reconcile.
        properties:
          lastTime: {type: string, format: date-time}
          durationMillis: {type: integer, format: int64, minimum: 0}
          result: {type: string, enum: [Success, Error, Requeue]}
          message: {type: string, maxLength: 32768}
          reconcileID: {type: string, maxLength: 128}
          changeID: {type: string, maxLength: 128}
          lastChange:
            type: object
            description: The last reconcile that acted on a change, kept by the reconciles after it.
            properties:
              changeID: {type: string, maxLength: 128}
              generation: {type: integer, format: int64, minimum: 0}
              reconcileID: {type: string, maxLength: 128}
              result: {type: string, enum: [Success, Error, Requeue]}
              lastTime: {type: string, format: date-time}
              durationMillis: {type: integer, format: int64, minimum: 0}
      """, by: indent)
  }

  /// The schema of CPU / memory / GPU requests; CPU and memory are Kubernetes quantities (int or string).
  static func resources(indent: Int) -> String {
    indented(
      """
      type: object
      properties:
      \(quantity(name: "cpu", indent: 2))
      \(quantity(name: "memory", indent: 2))
        gpu: {type: integer, minimum: 0, maximum: 64}
      """, by: indent)
  }

  /// A Kubernetes quantity property as controller-gen writes `resource.Quantity`.
  static func quantity(name: String, indent: Int) -> String {
    indented(
      """
      \(name):
        anyOf: [{type: integer}, {type: string}]
        x-kubernetes-int-or-string: true
        pattern: '\(quantityPattern)'
      """, by: indent)
  }

  /// The pattern of a condition type, as `metav1.Condition` declares it.
  static let conditionTypePattern =
    #"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"#
    + #"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"#

  /// The pattern of a DNS-1123 subdomain, for host names.
  static let dnsSubdomainPattern = #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#

  /// The pattern of a Kubernetes quantity (`resource.Quantity`), as the real API server publishes it.
  static let quantityPattern =
    #"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))"#
    + #"(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"#

  /// A `{name}` reference to another object of the same namespace.
  static func reference(indent: Int) -> String {
    indented(
      """
      type: object
      required: [name]
      properties:
        name: {type: string, minLength: 1, maxLength: 253}
      """, by: indent)
  }

  /// The root of the schema: `apiVersion`, `kind` and `metadata`, at the indentation of `properties`' members.
  static func rootProperties(indent: Int) -> String {
    indented(
      """
      apiVersion: {type: string}
      kind: {type: string}
      metadata: {type: object}
      """, by: indent)
  }

  /// The head of a CRD manifest up to the version's `served`/`storage` flags.
  static func header(kind: String, plural: String, shortNames: [String]) -> String {
    """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: \(plural).ai.aiconsole.dev
      labels:
        app.kubernetes.io/part-of: aiconsole
    spec:
      group: ai.aiconsole.dev
      scope: Namespaced
      names:
        plural: \(plural)
        singular: \(kind.lowercased())
        kind: \(kind)
        listKind: \(kind)List
        shortNames: [\(shortNames.joined(separator: ", "))]
        categories: [ai]
      versions:
      - name: v1
        served: true
        storage: true
    """
  }

  private static func indented(_ text: String, by count: Int) -> String {
    let pad = String(repeating: " ", count: count)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
  }
}
