/// The AIApplication CRD: services and routes grouped into one application.
enum AIApplicationCRD {
  /// The kind's names and manifest.
  static let definition = AIKindDefinition(
    kind: "AIApplication", plural: "aiapplications", shortNames: ["aiapp"], yaml: yaml)

  /// The CustomResourceDefinition manifest.
  static let yaml = """
    \(CRDSchemaParts.header(kind: "AIApplication", plural: "aiapplications", shortNames: ["aiapp"]))
        subresources:
          status: {}
        additionalPrinterColumns:
        - {name: Health, type: string, jsonPath: .status.health}
        - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
        - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
        schema:
          openAPIV3Schema:
            type: object
            description: AIApplication groups services and routes into one application.
            properties:
    \(CRDSchemaParts.rootProperties(indent: 10))
              spec:
                type: object
                properties:
                  services:
                    type: array
                    maxItems: 64
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    items:
    \(CRDSchemaParts.reference(indent: 18))
                  routes:
                    type: array
                    maxItems: 64
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    items:
    \(CRDSchemaParts.reference(indent: 18))
                  dataPipelineRef:
    \(CRDSchemaParts.reference(indent: 16))
                  monitoring:
                    type: object
                    properties:
                      latencyP99Millis: {type: integer, minimum: 1}
                      errorRatePercent: {type: number, minimum: 0, maximum: 100}
                      window:
                        type: string
                        description: The window the error budget is counted over, such as 30d or 7d (1h..90d).
                        maxLength: 32
                        pattern: '\(DurationText.pattern)'
                        default: \(AIApplication.Spec.Monitoring.defaultWindow)
              status:
                type: object
                properties:
                  health: {type: string, enum: [Healthy, Degraded, Unhealthy, Unknown]}
                  services:
                    type: array
                    items:
                      type: object
                      properties:
                        name: {type: string}
                        ready: {type: boolean}
                        message: {type: string}
                  slo:
    \(sloSchema)
    \(CRDSchemaParts.commonStatus(indent: 14))

    """

  /// `status.slo`, at the indentation of `slo`'s members.
  static let sloSchema = """
                    type: object
                    description: The objectives of spec.monitoring measured against the gateway's metrics.
                    properties:
                      window: {type: string}
                      observed: {type: string}
                      targets:
                        type: array
                        maxItems: 8
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string, enum: [latencyP99Millis, errorRatePercent]}
                            objective: {type: number, minimum: 0, maximum: 1}
                            current: {type: number, minimum: 0}
                            errorBudgetRemaining: {type: number}
                            alert: {type: string, enum: [None, Ticket, Page]}
                            burnRates:
                              type: array
                              maxItems: 8
                              x-kubernetes-list-type: map
                              x-kubernetes-list-map-keys: [window]
                              items:
                                type: object
                                required: [window]
                                properties:
                                  window: {type: string}
                                  rate: {type: number, minimum: 0}
                                  data: {type: string, enum: [Full, Partial, None]}
                                  requests: {type: integer, format: int64, minimum: 0}
    """
}
