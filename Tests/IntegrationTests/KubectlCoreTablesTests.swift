import Foundation
import Testing

/// The real `kubectl get` over the core kinds' server Tables from `aiconsole serve`.
@Suite("kubectl get of the core kinds against aiconsole serve", .serialized)
struct KubectlCoreTablesTests {
  /// One object of each recorded kind, sent by `kubectl apply` (JSON, which every kind reads).
  static let manifests = """
    apiVersion: v1
    kind: Node
    metadata: {name: sim-node-1, labels: {kubernetes.io/hostname: sim-node-1}}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: p1, namespace: default, labels: {app: p1}}
    spec: {containers: [{name: c, image: busybox, command: [sleep, "3600"]}]}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: web, namespace: default}
    spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: default, labels: {app: web}}
    spec:
      replicas: 2
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: web, image: "nginx:1.27"}]}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: cm1, namespace: default}
    data: {a: "1", b: "2"}
    ---
    apiVersion: v1
    kind: Event
    metadata: {name: p1.scheduled, namespace: default}
    involvedObject: {kind: Pod, namespace: default, name: p1}
    reason: Scheduled
    message: Successfully assigned default/p1 to sim-node-1
    source: {component: default-scheduler}
    type: Normal
    count: 1
    """

  @Test("kubectl get pods,events,svc,deploy,nodes,cm,ns (and -o wide) prints every kind's columns without error")
  func getCoreKinds() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("kubectl-core-tables"))
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    let applied = try kubectl.run("apply", "-f", "-", stdin: Self.manifests)
    #expect(applied.status == 0, "\(applied.stderr)")
    let get = try kubectl.run("get", "pods,events,svc,deploy,nodes,cm,ns", "-n", "default")
    #expect(get.status == 0 && get.stderr.isEmpty, "\(get.stderr)")
    for header in [
      "NAME", "READY", "STATUS", "RESTARTS", "LAST SEEN", "TYPE", "REASON", "OBJECT", "CLUSTER-IP", "EXTERNAL-IP",
      "PORT(S)", "UP-TO-DATE", "AVAILABLE", "ROLES", "VERSION", "DATA",
    ] {
      #expect(get.stdout.contains(header), "no \(header) in\n\(get.stdout)")
    }
    for line in ["pod/p1", "pod/p1 ", "service/web", "deployment.apps/web", "node/sim-node-1", "configmap/cm1"] {
      #expect(get.stdout.contains(line.trimmingCharacters(in: .whitespaces)), "no \(line) in\n\(get.stdout)")
    }
    let wide = try kubectl.run("get", "pods,events,svc,deploy,nodes,cm,ns", "-n", "default", "-o", "wide")
    #expect(wide.status == 0 && wide.stderr.isEmpty, "\(wide.stderr)")
    for header in ["NOMINATED NODE", "READINESS GATES", "SUBOBJECT", "FIRST SEEN", "COUNT", "SELECTOR", "OS-IMAGE"] {
      #expect(wide.stdout.contains(header), "no \(header) in\n\(wide.stdout)")
    }
    #expect(wide.stdout.contains("default-scheduler"), "\(wide.stdout)")
    // Several kinds at once: the kind goes before the name in the column whose format is `name`,
    // which for an Event is the last (priority 1) one, as kubectl places it.
    let ours = try runCommand(
      ServeProcess.binary, ["get", "events,cm", "-n", "default", "-o", "wide", "--kubeconfig", server.kubeconfig])
    #expect(ours.status == 0, "\(ours.stderr)")
    let eventLine = ours.stdout.split(separator: "\n").first { $0.contains("Scheduled") } ?? ""
    #expect(eventLine.hasSuffix("event/p1.scheduled"), "\(ours.stdout)")
    #expect(wide.stdout.contains("event/p1.scheduled"), "kubectl names it so too:\n\(wide.stdout)")
  }
}
