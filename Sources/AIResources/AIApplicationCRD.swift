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
    \(CRDSchemaParts.commonStatus(indent: 14))

    """
}
