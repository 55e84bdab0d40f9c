/// The AIModelRoute CRD: a gateway route from a model name to InferenceServices.
enum AIModelRouteCRD {
  /// The kind's names and manifest.
  static let definition = AIKindDefinition(
    kind: "AIModelRoute", plural: "aimodelroutes", shortNames: ["airoute"], yaml: yaml)

  /// The CustomResourceDefinition manifest.
  static let yaml = """
    \(CRDSchemaParts.header(kind: "AIModelRoute", plural: "aimodelroutes", shortNames: ["airoute"]))
        subresources:
          status: {}
        additionalPrinterColumns:
        - {name: Model, type: string, jsonPath: .spec.model}
        - {name: Backends, type: string, jsonPath: '.spec.backends[*].service'}
        - {name: Path, type: string, jsonPath: .spec.path, priority: 1}
        - {name: Auth, type: string, jsonPath: .spec.auth.type, priority: 1}
        - {name: Accepted, type: string, jsonPath: '.status.conditions[?(@.type=="Accepted")].status'}
        - {name: Programmed, type: string, jsonPath: '.status.conditions[?(@.type=="Programmed")].status', priority: 1}
        - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
        schema:
          openAPIV3Schema:
            type: object
            description: AIModelRoute routes requests for a model name to InferenceServices.
            properties:
    \(CRDSchemaParts.rootProperties(indent: 10))
              spec:
                type: object
                required: [model, backends]
                properties:
                  model: {type: string, minLength: 1, maxLength: 253}
                  path: {type: string, pattern: '^/', maxLength: 256, default: /v1/chat/completions}
                  backends:
                    type: array
                    minItems: 1
                    maxItems: 16
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [service]
                    items:
                      type: object
                      required: [service]
                      properties:
                        service: {type: string, minLength: 1, maxLength: 253}
                        weight: {type: integer, minimum: 0, maximum: 100, default: 100}
                  auth:
                    type: object
                    properties:
                      type: {type: string, enum: [None, APIKey], default: None}
                      secretRef:
    \(CRDSchemaParts.reference(indent: 20))
                  rateLimit:
                    type: object
                    properties:
                      requestsPerMinute: {type: integer, minimum: 0}
                      tokensPerMinute: {type: integer, minimum: 0}
                      burst: {type: integer, minimum: 0}
                  contextSchemaRef:
    \(CRDSchemaParts.reference(indent: 16))
                  cache:
                    type: object
                    properties:
                      enabled: {type: boolean, default: false}
                      ttlSeconds: {type: integer, minimum: 1, maximum: 86400, default: 300}
                  timeoutSeconds: {type: integer, minimum: 1, maximum: 3600, default: 30}
              status:
                type: object
                properties:
                  backends:
                    type: array
                    items:
                      type: object
                      properties:
                        service: {type: string}
                        ready: {type: boolean}
                        weight: {type: integer}
    \(CRDSchemaParts.commonStatus(indent: 14))

    """
}
