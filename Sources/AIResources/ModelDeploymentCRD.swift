/// The ModelDeployment CRD: a versioned model artifact and how to run it.
enum ModelDeploymentCRD {
  /// The kind's names and manifest.
  static let definition = AIKindDefinition(
    kind: "ModelDeployment", plural: "modeldeployments", shortNames: ["mdep"], yaml: yaml)

  /// The CustomResourceDefinition manifest.
  static let yaml = """
    \(CRDSchemaParts.header(kind: "ModelDeployment", plural: "modeldeployments", shortNames: ["mdep"]))
        subresources:
          status: {}
        additionalPrinterColumns:
        - {name: Model, type: string, jsonPath: .spec.modelName}
        - {name: Version, type: string, jsonPath: .spec.modelVersion}
        - {name: Runtime, type: string, jsonPath: .spec.runtime}
        - {name: Phase, type: string, jsonPath: .status.phase}
        - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
        schema:
          openAPIV3Schema:
            type: object
            description: ModelDeployment is a versioned model artifact and how to run it.
            properties:
    \(CRDSchemaParts.rootProperties(indent: 10))
              spec:
                type: object
                required: [modelName, modelVersion]
                properties:
                  modelName: {type: string, minLength: 1, maxLength: 253}
                  modelVersion: {type: string, minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]*$'}
                  image: {type: string, maxLength: 512}
                  artifactURI: {type: string, maxLength: 2048, pattern: '^[a-z][a-z0-9+.-]*://'}
                  runtime: {type: string, enum: [vllm, tgi, triton, custom], default: vllm}
                  env:
                    type: object
                    maxProperties: 128
                    additionalProperties: {type: string}
                  resources:
    \(CRDSchemaParts.resources(indent: 16))
                  simulation:
                    type: object
                    properties:
                      startupSeconds: {type: integer, minimum: 0, maximum: 3600, default: 5}
                      tokensPerSecondPerGPU: {type: integer, minimum: 1, maximum: 100000, default: 1200}
                      failureMode: {type: string, enum: [none, crashloop, oom, slow], default: none}
              status:
                type: object
                properties:
                  phase: {type: string, enum: [Pending, Available, Failed]}
    \(CRDSchemaParts.commonStatus(indent: 14))

    """
}
