/// The AICluster CRD: a pool of identical model instances, with the scale subresource.
enum AIClusterCRD {
  /// The kind's names and manifest.
  static let definition = AIKindDefinition(
    kind: "AICluster", plural: "aiclusters", shortNames: ["aic"], yaml: yaml, scalable: true)

  /// The CustomResourceDefinition manifest.
  static let yaml = """
    \(CRDSchemaParts.header(kind: "AICluster", plural: "aiclusters", shortNames: ["aic"]))
        subresources:
          status: {}
          scale:
            specReplicasPath: .spec.replicas
            statusReplicasPath: .status.replicas
            labelSelectorPath: .status.selector
        additionalPrinterColumns:
        - {name: Model, type: string, jsonPath: .spec.modelName}
        - {name: Version, type: string, jsonPath: .spec.modelVersion}
        - {name: Replicas, type: integer, jsonPath: .spec.replicas}
        - {name: Ready, type: integer, jsonPath: .status.activeInstances}
        - {name: URL, type: string, jsonPath: .status.endpointURL, priority: 1}
        - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
        schema:
          openAPIV3Schema:
            type: object
            description: AICluster is a pool of identical model instances.
            properties:
    \(CRDSchemaParts.rootProperties(indent: 10))
              spec:
                type: object
                required: [modelName]
                properties:
                  replicas: {type: integer, minimum: \(ScaleBounds.schema.lowerBound), maximum: \(ScaleBounds.schema.upperBound), default: 1}
                  modelName: {type: string, minLength: 1, maxLength: 253, description: The model the instances serve.}
                  modelVersion: {type: string, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]*$'}
                  image: {type: string, maxLength: 512}
                  resourceRequests:
    \(CRDSchemaParts.resources(indent: 16))
                  endpoint:
                    type: object
                    properties:
                      type: {type: string, enum: [ClusterIP, NodePort, LoadBalancer], default: ClusterIP}
                      port: {type: integer, minimum: 1, maximum: 65535, default: 8000}
                      hostname: {type: string, maxLength: 253, pattern: '\(CRDSchemaParts.dnsSubdomainPattern)'}
                  revisionHistoryLimit: {type: integer, minimum: 0, maximum: 100, default: 10}
                  paused: {type: boolean, default: false}
              status:
                type: object
                properties:
                  replicas: {type: integer, minimum: 0}
                  activeInstances: {type: integer, minimum: 0}
                  endpointURL: {type: string}
                  currentRevision: {type: string}
                  selector: {type: string}
    \(CRDSchemaParts.commonStatus(indent: 14))

    """
}
