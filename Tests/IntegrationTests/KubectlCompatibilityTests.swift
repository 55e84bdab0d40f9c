import Foundation
import KubeCore
import Testing

/// The real `kubectl` against the real `aiconsole serve` over HTTPS: the flow the issue names.
@Suite("kubectl against aiconsole serve", .serialized)
struct KubectlCompatibilityTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static var samples: String { packageRoot.appendingPathComponent("config/samples").path }

  /// The name of the sample AICluster.
  static func sampleClusterName() throws -> String {
    let text = try String(contentsOfFile: samples + "/aicluster.yaml", encoding: .utf8)
    return try JSONValue.parseYAML(text)[path: ["metadata", "name"]]?.stringValue ?? ""
  }

  @Test("kubectl authenticates with the client certificate context the embedded server writes")
  func clientCertificateContext() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("kubectl-cert"))
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    let created = try kubectl.run(
      "--context", "aiconsole-embedded-certificate", "create", "namespace", "by-certificate")
    #expect(created.status == 0, "\(created.stderr)")
    let listed = try kubectl.run("--context", "aiconsole-embedded-certificate", "get", "namespaces", "-o", "name")
    #expect(listed.stdout.contains("namespace/by-certificate"), "\(listed.stdout)\(listed.stderr)")
  }

  @Test("kubectl create namespace, secret and configmap send protobuf; the objects read back as created")
  func protobufCreates() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("kubectl-protobuf"))
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    for command in [
      ["create", "namespace", "team-a"],
      ["create", "secret", "generic", "api-keys", "-n", "team-a", "--from-literal=key=s3cret"],
      ["create", "configmap", "routing", "-n", "team-a", "--from-literal=model=llama-3-8b"],
      ["label", "secret", "api-keys", "-n", "team-a", "app=gateway"],
    ] {
      let result = try kubectl.run(command)
      #expect(result.status == 0, "kubectl \(command.joined(separator: " ")): \(result.stderr)")
    }
    let secret = try kubectl.run("get", "secret", "api-keys", "-n", "team-a", "-o", "json")
    let object = try JSONParser.parse(Array(secret.stdout.utf8))
    #expect(object[path: ["data", "key"]] == .string(Data("s3cret".utf8).base64EncodedString()), "\(secret.stdout)")
    #expect(object["type"] == "Opaque", "\(secret.stdout)")
    #expect(object[path: ["metadata", "namespace"]] == "team-a")
    #expect(object[path: ["metadata", "labels", "app"]] == "gateway")
    #expect(object[path: ["metadata", "generateName"]] == nil, "an empty protobuf field was stored: \(secret.stdout)")
    let model = try kubectl.run("get", "configmap", "routing", "-n", "team-a", "-o", "jsonpath={.data.model}")
    #expect(model.stdout == "llama-3-8b", "\(model.stderr)")
    let namespace = try kubectl.run("get", "namespace", "team-a", "-o", "jsonpath={.status.phase}")
    #expect(namespace.stdout == "Active", "\(namespace.stderr)")
    // A built-in kind whose protobuf message the server does not read: refused, naming it.
    let service = try kubectl.run("create", "service", "clusterip", "chat", "--tcp=80:8000")
    #expect(service.status != 0)
    #expect(service.stderr.contains("send Service as application/json"), "\(service.stderr)")
  }

  @Test("discovery, apply, get, scale, patch, watch, delete with a finalizer, errors, logs and a foreign CRD")
  func kubectlFlow() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("kubectl"))
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    let name = try Self.sampleClusterName()

    let resources = try kubectl.run("api-resources")
    #expect(resources.status == 0, "\(resources.stderr)")
    for shortName in ["aic", "mdep", "infsvc", "airoute", "mcs", "aiapp"] {
      #expect(resources.stdout.contains(" \(shortName) "), "api-resources lacks \(shortName)")
    }

    let applied = try kubectl.run("apply", "-f", Self.samples)
    #expect(applied.status == 0, "\(applied.stderr)")
    #expect(applied.stdout.contains("created"))

    let all = try kubectl.run("get", "ai")
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.contains("aicluster.ai.aiconsole.dev/\(name)"))
    #expect(all.stdout.contains("aiapplication.ai.aiconsole.dev/"))

    let table = try kubectl.run("get", "aic")
    #expect(
      table.stdout.contains("MODEL") && table.stdout.contains("VERSION") && table.stdout.contains("REPLICAS"),
      "\(table.stdout)")
    #expect(table.stdout.contains(name))

    let yaml = try kubectl.run("get", "aic", name, "-o", "yaml")
    #expect(yaml.stdout.contains("kind: AICluster") && yaml.stdout.contains("resourceVersion:"), "\(yaml.stdout)")

    let scaled = try kubectl.run("scale", "aic", name, "--replicas=3")
    #expect(scaled.status == 0, "\(scaled.stderr)")
    #expect(try kubectl.run("get", "aic", name, "-o", "jsonpath={.spec.replicas}").stdout == "3")

    let watch = try KubectlStream(kubeconfig: server.kubeconfig, ["get", "aic", "-w"])
    #expect(watch.waitForLine(containing: [name]) != nil, "watch printed no initial row")
    let merged = try kubectl.run("patch", "aic", name, "--type=merge", "-p", #"{"spec":{"modelVersion":"v9"}}"#)
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(watch.waitForLine(containing: [name, "v9"]) != nil, "watch did not see the patch: \(watch.text)")

    let jsonPatched = try kubectl.run(
      "patch", "aic", name, "--type=json", "-p", #"[{"op":"replace","path":"/spec/replicas","value":2}]"#)
    #expect(jsonPatched.status == 0, "\(jsonPatched.stderr)")
    #expect(try kubectl.run("get", "aic", name, "-o", "jsonpath={.spec.replicas}").stdout == "2")

    try checkStaleUpdate(kubectl, name: name)
    try checkInvalid(kubectl)
    try checkFinalizer(kubectl, server: server, name: name)
    try checkLogs(kubectl)
    try checkForeignCRD(kubectl)
    try checkReadOnly(server)
  }

  private func checkStaleUpdate(_ kubectl: Kubectl, name: String) throws {
    let stale = try kubectl.run("get", "aic", name, "-o", "json").stdout
    _ = try kubectl.run("patch", "aic", name, "--type=merge", "-p", #"{"spec":{"replicas":4}}"#)
    let replaced = try kubectl.run("replace", "-f", "-", stdin: stale)
    #expect(replaced.status != 0)
    #expect(
      replaced.stderr.contains("Conflict") || replaced.stderr.contains("the object has been modified"),
      "\(replaced.stderr)")
  }

  private func checkInvalid(_ kubectl: Kubectl) throws {
    let bad = """
      apiVersion: ai.aiconsole.dev/v1
      kind: AICluster
      metadata:
        name: broken
      spec:
        replicas: -1
        modelName: llama
        modelVersion: v1
        image: vllm/vllm-openai:latest
      """
    let result = try kubectl.run("apply", "-f", "-", stdin: bad)
    #expect(result.status != 0)
    #expect(result.stderr.contains("spec.replicas"), "\(result.stderr)")
  }

  private func checkFinalizer(_ kubectl: Kubectl, server: ServeProcess, name: String) throws {
    _ = try kubectl.run(
      "patch", "aic", name, "--type=merge", "-p", #"{"metadata":{"finalizers":["example.com/hold"]}}"#)
    let deleting = try KubectlStream(kubeconfig: server.kubeconfig, ["delete", "aic", name, "--timeout=60s"])
    Thread.sleep(forTimeInterval: 1.5)
    #expect(deleting.process.isRunning, "delete did not wait for the finalizer")
    let stamped = try kubectl.run("get", "aic", name, "-o", "jsonpath={.metadata.deletionTimestamp}")
    #expect(!stamped.stdout.isEmpty)
    _ = try kubectl.run("patch", "aic", name, "--type=merge", "-p", #"{"metadata":{"finalizers":null}}"#)
    deleting.process.waitUntilExit()
    #expect(deleting.process.terminationStatus == 0)
    let gone = try kubectl.run("get", "aic", name)
    #expect(gone.stderr.contains("NotFound") || gone.stderr.contains("not found"), "\(gone.stderr)")
  }

  private func checkLogs(_ kubectl: Kubectl) throws {
    let logs = try kubectl.run("logs", "-n", "aiconsole-system", "aiconsole-apiserver")
    #expect(logs.status == 0, "\(logs.stderr)")
    #expect(logs.stdout.contains("apiserver listening on"), "\(logs.stdout)")
  }

  private func checkForeignCRD(_ kubectl: Kubectl) throws {
    let crd = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: gadgets.example.com
      spec:
        group: example.com
        scope: Namespaced
        names: {plural: gadgets, singular: gadget, kind: Gadget, shortNames: [gd]}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    color: {type: string}
          additionalPrinterColumns:
          - {name: Color, type: string, jsonPath: .spec.color}
      ---
      """
    let created = try kubectl.run("apply", "-f", "-", stdin: crd)
    #expect(created.status == 0, "\(created.stderr)")
    let gadget = "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  color: teal\n"
    let applied = try kubectl.run("apply", "-f", "-", stdin: gadget)
    #expect(applied.status == 0, "\(applied.stderr)")
    let listed = try kubectl.run("get", "gadgets")
    #expect(listed.stdout.contains("COLOR") && listed.stdout.contains("teal"), "\(listed.stdout) \(listed.stderr)")
  }

  private func checkReadOnly(_ server: ServeProcess) throws {
    let reader = try runCommand(
      Kubectl.path ?? "kubectl",
      ["--kubeconfig", server.kubeconfig, "--context", "aiconsole-embedded-read-only", "delete", "gadgets", "g1"])
    #expect(reader.status != 0)
    #expect(reader.stderr.contains("forbidden") || reader.stderr.contains("Forbidden"), "\(reader.stderr)")
  }
}
