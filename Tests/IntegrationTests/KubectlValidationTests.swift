import Foundation
import Testing

/// What kubectl users see when the server refuses bad objects and hides Secrets from read-only
/// identities: the same "Error from server" lines a real cluster prints.
@Suite("kubectl against stricter admission", .serialized) struct KubectlValidationTests {
  static let badConfigMap = """
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: numbers, namespace: default}
    data: {port: 8080}
    """

  static let badDeployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: half, namespace: default}
    spec:
      replicas: 2.5
      selector: {matchLabels: {app: half}}
      template:
        metadata: {labels: {app: half}}
        spec: {containers: [{name: web, image: "nginx:1.27"}]}
    """

  static let galacticCRD = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata: {name: widgets.example.com}
    spec:
      group: example.com
      scope: Galactic
      names: {plural: widgets, singular: widget, kind: Widget}
      versions:
      - name: v1
        served: true
        storage: true
        schema: {openAPIV3Schema: {type: object}}
    """

  @Test(
    "kubectl create of wrongly typed objects, an invalid CRD, and a read-only get of secrets fail as on a real cluster")
  func refusals() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("kubectl-validation"))
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)

    let configMap = try kubectl.run("create", "-f", "-", stdin: Self.badConfigMap)
    #expect(configMap.status != 0)
    #expect(
      configMap.stderr.contains(
        "Error from server (BadRequest): error when creating \"STDIN\": ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string"
      ), "\(configMap.stderr)")
    let deployment = try kubectl.run("apply", "-f", "-", stdin: Self.badDeployment)
    #expect(deployment.status != 0)
    #expect(
      deployment.stderr.contains(
        "json: cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32"),
      "\(deployment.stderr)")
    let crd = try kubectl.run("create", "-f", "-", stdin: Self.galacticCRD)
    #expect(crd.status != 0)
    #expect(
      crd.stderr.contains(
        "The CustomResourceDefinition \"widgets.example.com\" is invalid: spec.scope: Unsupported value: \"Galactic\": supported values: \"Cluster\", \"Namespaced\""
      ), "\(crd.stderr)")

    let secret = try kubectl.run("create", "secret", "generic", "keys", "--from-literal=k=v", "-n", "default")
    #expect(secret.status == 0, "\(secret.stderr)")
    let readOnly = try kubectl.run("--context", "aiconsole-embedded-read-only", "get", "secrets", "-n", "default")
    #expect(readOnly.status != 0)
    #expect(
      readOnly.stderr.contains(
        "Error from server (Forbidden): secrets is forbidden: User \"aiconsole:read-only\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\""
      ), "\(readOnly.stderr)")
    let pods = try kubectl.run("--context", "aiconsole-embedded-read-only", "get", "configmaps", "-n", "default")
    #expect(pods.status == 0, "\(pods.stderr)")
  }
}
