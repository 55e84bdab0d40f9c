/// The InferenceService CRD: a served endpoint for one model, with a canary and the scale subresource.
enum InferenceServiceCRD {
  /// The kind's names and manifest.
  static let definition = AIKindDefinition(
    kind: "InferenceService", plural: "inferenceservices", shortNames: ["infsvc"], yaml: yaml, scalable: true)

  /// The CustomResourceDefinition manifest.
  static let yaml = """
    \(CRDSchemaParts.header(kind: "InferenceService", plural: "inferenceservices", shortNames: ["infsvc"]))
        subresources:
          status: {}
          scale:
            specReplicasPath: .spec.replicas
            statusReplicasPath: .status.currentReplicas
            labelSelectorPath: .status.selector
        additionalPrinterColumns:
        - {name: Model, type: string, jsonPath: .spec.modelRef.name}
        - {name: Ready, type: integer, jsonPath: .status.readyReplicas}
        - {name: Replicas, type: integer, jsonPath: .status.currentReplicas}
        - {name: Canary, type: string, jsonPath: .spec.canary.modelRef.name, priority: 1}
        - {name: Canary%, type: integer, jsonPath: .spec.canary.trafficPercent}
        - {name: Status, type: string, jsonPath: .status.modelStatus}
        - {name: URL, type: string, jsonPath: .status.endpointURL, priority: 1}
        - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
        schema:
          openAPIV3Schema:
            type: object
            description: InferenceService is a served endpoint for one model, with an optional canary.
            properties:
    \(CRDSchemaParts.rootProperties(indent: 10))
              spec:
                type: object
                required: [modelRef]
                properties:
                  modelRef:
    \(CRDSchemaParts.reference(indent: 16))
                  replicas: {type: integer, minimum: \(ScaleBounds.schema.lowerBound), maximum: \(ScaleBounds.schema.upperBound), description: Fixed replicas; not with scaling.}
                  scaling:
                    type: object
                    description: Autoscaling bounds and targets; exclusive with replicas.
                    required: [maxReplicas]
                    properties:
                      minReplicas: {type: integer, minimum: 0, maximum: 1000, default: 1}
                      maxReplicas: {type: integer, minimum: 1, maximum: 1000}
                      targetGPUUtilization: {type: integer, minimum: 1, maximum: 100}
                      targetTokensPerSecond: {type: integer, minimum: 1}
                  hardwareProfile:
                    type: object
                    properties:
    \(CRDSchemaParts.quantity(name: "cpu", indent: 18))
    \(CRDSchemaParts.quantity(name: "memory", indent: 18))
                      gpu: {type: integer, minimum: 0, maximum: 64}
                      gpuType: {type: string, maxLength: 64}
                  endpointConfig:
                    type: object
                    properties:
                      port: {type: integer, minimum: 1, maximum: 65535, default: 8000}
                      hostname: {type: string, maxLength: 253, pattern: '\(CRDSchemaParts.dnsSubdomainPattern)'}
                  canary:
                    description: A second model taking trafficPercent of the requests.
                    type: object
                    required: [modelRef]
                    properties:
                      modelRef:
    \(CRDSchemaParts.reference(indent: 20))
                      trafficPercent: {type: integer, minimum: 0, maximum: 100, default: 10}
                      analysis:
    \(analysisSchema)
                  contextSchemaRef:
    \(CRDSchemaParts.reference(indent: 16))
              status:
                type: object
                properties:
                  currentReplicas: {type: integer, minimum: 0}
                  readyReplicas: {type: integer, minimum: 0}
                  endpointURL: {type: string}
                  selector: {type: string}
                  modelStatus: {type: string, enum: [Loading, Ready, Unhealthy]}
                  canary:
                    type: object
                    properties:
                      readyReplicas: {type: integer, minimum: 0}
                      trafficPercent: {type: integer, minimum: 0, maximum: 100}
                      analysis:
    \(analysisStatusSchema)
    \(CRDSchemaParts.commonStatus(indent: 14))

    """

  /// `spec.canary.analysis`, at the indentation of `analysis`' members.
  static let analysisSchema = """
                        type: object
                        description: Traffic steps the controller takes, comparing the canary pool with the stable one at each.
                        required: [steps]
                        properties:
                          steps:
                            type: array
                            minItems: 1
                            maxItems: 20
                            items:
                              type: object
                              required: [trafficPercent, duration]
                              properties:
                                trafficPercent: {type: integer, minimum: 1, maximum: 100}
                                duration: {type: string, maxLength: 32, pattern: '\(DurationText.pattern)'}
                          minRequests: {type: integer, minimum: 1, maximum: 1000000, default: \(InferenceService.Spec.Canary.Analysis.defaultMinRequests)}
                          thresholds:
                            type: object
                            properties:
                              maxErrorRate:
    \(threshold)
                              maxLatencyP99:
    \(threshold)
                              maxTimeToFirstToken:
    \(threshold)
    """

  private static let threshold = """
                                type: object
                                required: [mode, value]
                                properties:
                                  mode: {type: string, enum: [Relative, Absolute]}
                                  value: {type: number}
    """

  /// `status.canary.analysis`, at the indentation of `analysis`' members.
  static let analysisStatusSchema = """
                        type: object
                        properties:
                          canaryModel: {type: string}
                          step: {type: integer, minimum: 0}
                          steps: {type: integer, minimum: 0}
                          stepStartTime: {type: string, format: date-time}
                          phase: {type: string, enum: [Progressing, Promoted, Aborted]}
                          message: {type: string, maxLength: 32768}
                          canaryRequests: {type: integer, format: int64, minimum: 0}
                          stableRequests: {type: integer, format: int64, minimum: 0}
                          checks:
                            type: array
                            maxItems: 8
                            items:
                              type: object
                              required: [name]
                              properties:
                                name: {type: string}
                                canary: {type: number}
                                stable: {type: number}
                                limit: {type: number}
                                passed: {type: boolean}
    """
}
