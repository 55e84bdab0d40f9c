/// The ModelContextSchema CRD: the Model Context Protocol envelope a route accepts.
enum ModelContextSchemaCRD {
  /// The kind's names and manifest.
  static let definition = AIKindDefinition(
    kind: "ModelContextSchema", plural: "modelcontextschemas", shortNames: ["mcs"], yaml: yaml)

  /// The CustomResourceDefinition manifest.
  static let yaml = """
    \(CRDSchemaParts.header(kind: "ModelContextSchema", plural: "modelcontextschemas", shortNames: ["mcs"]))
        subresources:
          status: {}
        additionalPrinterColumns:
        - {name: Ready, type: boolean, jsonPath: .status.ready}
        - {name: Description, type: string, jsonPath: .spec.description, priority: 1}
        - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
        schema:
          openAPIV3Schema:
            type: object
            description: ModelContextSchema is the context envelope a route accepts.
            properties:
    \(CRDSchemaParts.rootProperties(indent: 10))
              spec:
                type: object
                required: [contextFields]
                properties:
                  description: {type: string, maxLength: 1024}
                  contextFields:
                    type: array
                    maxItems: 64
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    items:
                      type: object
                      required: [name, type]
                      properties:
                        name: {type: string, minLength: 1, maxLength: 128, pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$'}
                        type: {type: string, enum: [string, number, boolean, 'array<string>', object, json]}
                        required: {type: boolean, default: false}
                        description: {type: string, maxLength: 1024}
                        validationRegex: {type: string, maxLength: 1024}
              status:
                type: object
                properties:
                  ready: {type: boolean}
                  lastUpdated: {type: string, format: date-time}
    \(CRDSchemaParts.commonStatus(indent: 14))

    """
}
