extension BuiltinGoTypes {
  /// apps/v1 Deployment.
  static let apps: [String: GoFields] = [
    "v1.Deployment": [
      "apiVersion": .string, "kind": .string, "metadata": .structure("v1.ObjectMeta"),
      "spec": .structure("v1.DeploymentSpec"), "status": .structure("v1.DeploymentStatus"),
    ],
    "v1.DeploymentSpec": [
      "replicas": .int32, "selector": .structure("v1.LabelSelector"), "template": .structure("v1.PodTemplateSpec"),
      "strategy": .structure("v1.DeploymentStrategy"), "minReadySeconds": .int32, "revisionHistoryLimit": .int32,
      "paused": .bool, "progressDeadlineSeconds": .int32,
    ],
    "v1.DeploymentStrategy": ["type": .string, "rollingUpdate": .structure("v1.RollingUpdateDeployment")],
    "v1.RollingUpdateDeployment": ["maxUnavailable": .intOrString, "maxSurge": .intOrString],
    "v1.DeploymentStatus": [
      "observedGeneration": .int64, "replicas": .int32, "updatedReplicas": .int32, "readyReplicas": .int32,
      "availableReplicas": .int32, "unavailableReplicas": .int32, "terminatingReplicas": .int32,
      "conditions": .slice(.structure("v1.DeploymentCondition")), "collisionCount": .int32,
    ],
    "v1.DeploymentCondition": [
      "type": .string, "status": .string, "lastUpdateTime": .time, "lastTransitionTime": .time, "reason": .string,
      "message": .string,
    ],
  ]

  /// apiextensions.k8s.io/v1 CustomResourceDefinition, including the recursive JSONSchemaProps.
  static let apiextensions: [String: GoFields] = [
    "v1.CustomResourceDefinition": [
      "apiVersion": .string, "kind": .string, "metadata": .structure("v1.ObjectMeta"),
      "spec": .structure("v1.CustomResourceDefinitionSpec"), "status": .any,
    ],
    "v1.CustomResourceDefinitionSpec": [
      "group": .string, "names": .structure("v1.CustomResourceDefinitionNames"), "scope": .string,
      "versions": .slice(.structure("v1.CustomResourceDefinitionVersion")), "conversion": .any,
      "preserveUnknownFields": .bool,
    ],
    "v1.CustomResourceDefinitionNames": [
      "plural": .string, "singular": .string, "shortNames": .slice(.string), "kind": .string, "listKind": .string,
      "categories": .slice(.string),
    ],
    "v1.CustomResourceDefinitionVersion": [
      "name": .string, "served": .bool, "storage": .bool, "deprecated": .bool, "deprecationWarning": .string,
      "schema": .structure("v1.CustomResourceValidation"), "subresources": .any,
      "additionalPrinterColumns": .slice(.structure("v1.CustomResourceColumnDefinition")),
      "selectableFields": .any,
    ],
    "v1.CustomResourceValidation": ["openAPIV3Schema": .structure("v1.JSONSchemaProps")],
    "v1.CustomResourceColumnDefinition": [
      "name": .string, "type": .string, "format": .string, "description": .string, "priority": .int32,
      "jsonPath": .string,
    ],
    "v1.JSONSchemaProps": [
      "id": .string, "$schema": .string, "$ref": .string, "description": .string, "type": .string,
      "format": .string, "title": .string, "default": .any, "maximum": .float64, "exclusiveMaximum": .bool,
      "minimum": .float64, "exclusiveMinimum": .bool, "maxLength": .int64, "minLength": .int64,
      "pattern": .string, "maxItems": .int64, "minItems": .int64, "uniqueItems": .bool, "multipleOf": .float64,
      "enum": .slice(.any), "maxProperties": .int64, "minProperties": .int64, "required": .slice(.string),
      "items": .schemaOrArray, "allOf": .slice(.structure("v1.JSONSchemaProps")),
      "oneOf": .slice(.structure("v1.JSONSchemaProps")), "anyOf": .slice(.structure("v1.JSONSchemaProps")),
      "not": .structure("v1.JSONSchemaProps"), "properties": .map(.structure("v1.JSONSchemaProps")),
      "additionalProperties": .schemaOrBool, "patternProperties": .map(.structure("v1.JSONSchemaProps")),
      "additionalItems": .schemaOrBool, "definitions": .map(.structure("v1.JSONSchemaProps")),
      "example": .any, "nullable": .bool, "x-kubernetes-preserve-unknown-fields": .bool,
      "x-kubernetes-embedded-resource": .bool, "x-kubernetes-int-or-string": .bool,
      "x-kubernetes-list-map-keys": .slice(.string), "x-kubernetes-list-type": .string,
      "x-kubernetes-map-type": .string, "x-kubernetes-validations": .any,
    ],
  ]
}
