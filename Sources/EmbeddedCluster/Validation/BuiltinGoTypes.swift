/// The Go structs of the built-in kinds the server serves, by qualified name, with each field's
/// JSON name and Go type, as in k8s.io/api (core/v1, apps/v1, meta/v1, apiextensions/v1). Fields
/// left out are not type-checked (kube-apiserver would drop them as unknown).
enum BuiltinGoTypes {
  /// The root struct of each kind, by `group/kind`.
  static let roots: [String: String] = [
    "/ConfigMap": "v1.ConfigMap", "/Secret": "v1.Secret", "/Namespace": "v1.Namespace", "/Pod": "v1.Pod",
    "/Service": "v1.Service", "apps/Deployment": "v1.Deployment",
    "apiextensions.k8s.io/CustomResourceDefinition": "v1.CustomResourceDefinition",
  ]

  /// What a custom resource is decoded into: only its type fields and metadata are typed.
  static let unstructured = "unstructured.Unstructured"

  static let check = GoDecodeCheck(
    structs: meta.merging(core) { a, _ in a }.merging(pod) { a, _ in a }
      .merging(apps) { a, _ in a }.merging(apiextensions) { a, _ in a })

  private static func object(_ spec: String? = nil, status: String? = nil) -> GoFields {
    var fields: GoFields = ["apiVersion": .string, "kind": .string, "metadata": .structure("v1.ObjectMeta")]
    if let spec { fields["spec"] = .structure(spec) }
    if let status { fields["status"] = .structure(status) }
    return fields
  }

  private static let strings: GoType = .slice(.string)
  private static let stringMap: GoType = .map(.string)

  static let meta: [String: GoFields] = [
    "unstructured.Unstructured": ["apiVersion": .string, "kind": .string, "metadata": .structure("v1.ObjectMeta")],
    "v1.ObjectMeta": [
      "name": .string, "generateName": .string, "namespace": .string, "selfLink": .string, "uid": .string,
      "resourceVersion": .string, "generation": .int64, "creationTimestamp": .time, "deletionTimestamp": .time,
      "deletionGracePeriodSeconds": .int64, "labels": stringMap, "annotations": stringMap,
      "ownerReferences": .slice(.structure("v1.OwnerReference")), "finalizers": strings,
      "managedFields": .slice(.structure("v1.ManagedFieldsEntry")),
    ],
    "v1.OwnerReference": [
      "apiVersion": .string, "kind": .string, "name": .string, "uid": .string, "controller": .bool,
      "blockOwnerDeletion": .bool,
    ],
    "v1.ManagedFieldsEntry": [
      "manager": .string, "operation": .string, "apiVersion": .string, "time": .time, "fieldsType": .string,
      "fieldsV1": .any, "subresource": .string,
    ],
    "v1.LabelSelector": [
      "matchLabels": stringMap, "matchExpressions": .slice(.structure("v1.LabelSelectorRequirement")),
    ],
    "v1.LabelSelectorRequirement": ["key": .string, "operator": .string, "values": strings],
    "v1.Condition": [
      "type": .string, "status": .string, "observedGeneration": .int64, "lastTransitionTime": .time,
      "reason": .string, "message": .string,
    ],
  ]

  static let core: [String: GoFields] = [
    "v1.ConfigMap": object().merging([
      "data": stringMap, "binaryData": .map(.bytes), "immutable": .bool,
    ]) { a, _ in a },
    "v1.Secret": object().merging([
      "data": .map(.bytes), "stringData": stringMap, "type": .string, "immutable": .bool,
    ]) { a, _ in a },
    "v1.Namespace": object("v1.NamespaceSpec", status: "v1.NamespaceStatus"),
    "v1.NamespaceSpec": ["finalizers": strings],
    "v1.NamespaceStatus": ["phase": .string, "conditions": .slice(.structure("v1.NamespaceCondition"))],
    "v1.NamespaceCondition": [
      "type": .string, "status": .string, "lastTransitionTime": .time, "reason": .string, "message": .string,
    ],
    "v1.Service": object("v1.ServiceSpec", status: "v1.ServiceStatus"),
    "v1.ServiceSpec": [
      "ports": .slice(.structure("v1.ServicePort")), "selector": stringMap, "clusterIP": .string,
      "clusterIPs": strings, "type": .string, "externalIPs": strings, "sessionAffinity": .string,
      "loadBalancerIP": .string, "loadBalancerSourceRanges": strings, "externalName": .string,
      "externalTrafficPolicy": .string, "healthCheckNodePort": .int32, "publishNotReadyAddresses": .bool,
      "sessionAffinityConfig": .structure("v1.SessionAffinityConfig"), "ipFamilies": strings,
      "ipFamilyPolicy": .string, "allocateLoadBalancerNodePorts": .bool, "loadBalancerClass": .string,
      "internalTrafficPolicy": .string, "trafficDistribution": .string,
    ],
    "v1.ServicePort": [
      "name": .string, "protocol": .string, "appProtocol": .string, "port": .int32, "targetPort": .intOrString,
      "nodePort": .int32,
    ],
    "v1.SessionAffinityConfig": ["clientIP": .structure("v1.ClientIPConfig")],
    "v1.ClientIPConfig": ["timeoutSeconds": .int32],
    "v1.ServiceStatus": [
      "loadBalancer": .structure("v1.LoadBalancerStatus"), "conditions": .slice(.structure("v1.Condition")),
    ],
    "v1.LoadBalancerStatus": ["ingress": .slice(.structure("v1.LoadBalancerIngress"))],
    "v1.LoadBalancerIngress": [
      "ip": .string, "hostname": .string, "ipMode": .string, "ports": .slice(.structure("v1.PortStatus")),
    ],
    "v1.PortStatus": ["port": .int32, "protocol": .string, "error": .string],
  ]
}
