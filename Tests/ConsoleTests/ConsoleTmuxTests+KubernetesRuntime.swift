import AIResources
import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// `aiconsole controller --runtime kubernetes` (the runtime of a real cluster: one Deployment per
/// AICluster revision) against an embedded API server, and the real console on the same server
/// (in the serialized tmux suite): `:deploy` and `:pods` list what the controller made.
///
/// The embedded server stores Deployments and Pods but runs no kube-controller-manager, scheduler
/// or kubelet, so the test plays their part for each Deployment the controller makes, as a cluster
/// whose instances start at once would: Pods from its template (on a node, owned by the
/// Deployment, since the server serves no ReplicaSets), marked Running and Ready through the status
/// subresource, and the Deployment's status counting them.
extension ConsoleTmuxTests {
  @Test(":deploy and :pods show the Deployments and Pods made for an AICluster by the kubernetes runtime")
  func kubernetesRuntime() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    let tmux = try Tmux(name: "console-k8s-runtime")
    defer { tmux.kill() }
    do {
      try await runAgainstKubernetesRuntime(server: server, client: client, tmux: tmux)
    } catch {
      Issue.record("\(error)")
    }
    try await client.shutdown()
    await server.stop()
  }

  func runAgainstKubernetesRuntime(server: EmbeddedServer, client: KubeClient, tmux: Tmux) async throws {
    let kubeconfig = server.kubeconfigPath
    try tmux.start(script: Self.script("--kubeconfig '\(kubeconfig)'", home: tmux.directory), width: 200, height: 50)
    tmux.run(["new-window", "-d", "-t", "t", "-n", "controller", "/bin/sh"])
    tmux.run([
      "send-keys", "-t", "t:controller",
      "'\(Self.binary)' controller --kubeconfig '\(kubeconfig)' --runtime kubernetes --no-leader-elect", "Enter",
    ])
    _ = try await client.create(
      AICluster.resource,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "metadata": ["name": "chat", "namespace": "default"],
        "spec": [
          "modelName": "llama-3-8b", "modelVersion": "1", "replicas": 2,
          "resourceRequests": ["cpu": "4", "memory": "32Gi", "gpu": 1],
        ],
      ])

    // The controller's Deployment, then the cluster's part: its Pods and its status.
    var deployment: JSONValue?
    _ = await Polling.until(upTo: .seconds(120)) {
      deployment = try? await client.list(
        CoreResources.deployments, namespace: "default",
        options: ListOptions(labelSelector: "ai.aiconsole.dev/cluster=chat")
      ).items.first
      return deployment != nil
    }
    guard let deployment, let name = deployment[path: ["metadata", "name"]]?.stringValue else {
      let window = tmux.run(["capture-pane", "-p", "-t", "t:controller"]).output
      Issue.record("the controller made no Deployment for AICluster chat:\n\(window)")
      return
    }
    let podNames = try await Self.startInstances(of: deployment, client)

    // `:deploy`: the Deployment, ready.
    tmux.sendText(":deploy")
    tmux.sendKeys("Enter")
    tmux.sendKeys("z")
    let deployRow = #"default +\#(name) +2/2 +2 +2 "#
    var screen = await tmux.waitFor(timeout: 120) { Self.matches(deployRow, $0) }
    #expect(screen.contains("Deployment (deploy) · all namespaces"), "not the Deployment list:\n\(screen)")
    #expect(Self.matches(#"NAME▲ +READY +UP-TO-DATE +AVAILABLE +AGE"#, screen), "not the server's columns:\n\(screen)")
    #expect(Self.matches(deployRow, screen), "the controller's Deployment is not listed ready:\n\(screen)")
    tmux.sendKeys("z")

    // `:pods`: its Pods, running on their node, with their GPU.
    tmux.sendText(":pods")
    tmux.sendKeys("Enter")
    tmux.sendKeys("z")
    screen = await tmux.waitFor(timeout: 60) { screen in
      podNames.allSatisfy { Self.matches(Self.runtimePodRow($0), screen) }
    }
    #expect(screen.contains("Pod (po) · all namespaces"), "not the pod list:\n\(screen)")
    for pod in podNames {
      #expect(Self.matches(Self.runtimePodRow(pod), screen), "pod \(pod) is not listed running:\n\(screen)")
    }
    tmux.sendKeys("z")

    // The AICluster counts them as its instances once the controller reads the Deployment's status.
    tmux.sendText(":aic")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 120) { Self.matches(#"● default +chat +llama-3-8b +1 +2/2 "#, $0) }
    #expect(
      Self.matches(#"● default +chat +llama-3-8b +1 +2/2 "#, screen), "the AICluster is not Ready 2/2:\n\(screen)")

    tmux.sendKeys("q")
    screen = await tmux.waitFor("__EXITED__", timeout: 30)
    #expect(screen.contains("__EXITED__ rc=0"), "the console did not quit cleanly:\n\(screen)")
  }

  static func runtimePodRow(_ name: String) -> String {
    #"default +\#(name) +1/1 +Running +0 +10\.1\.0\.\d+ +gpu-worker-1 +1 "#
  }

  /// What the ReplicaSet controller, the scheduler and the kubelet would do for `deployment`: one
  /// Pod per replica from its template, placed, running and ready; then the Deployment's status.
  /// Answers the Pods' names.
  static func startInstances(of deployment: JSONValue, _ client: KubeClient) async throws -> [String] {
    let name = deployment[path: ["metadata", "name"]]?.stringValue ?? ""
    let replicas = Int(deployment[path: ["spec", "replicas"]]?.intValue ?? 0)
    let template = deployment[path: ["spec", "template"]] ?? .emptyObject
    let owner: JSONValue = [
      "apiVersion": "apps/v1", "kind": "Deployment", "name": .string(name),
      "uid": deployment[path: ["metadata", "uid"]] ?? "", "controller": true, "blockOwnerDeletion": true,
    ]
    let started = Date().ISO8601Format()
    var names: [String] = []
    for index in 0..<replicas {
      let podName = "\(name)-5f7b9c6d8d-\(["x7k2p", "m4q9z", "b8w3n", "t2r6v"][index % 4])"
      var spec = template["spec"] ?? .emptyObject
      spec["nodeName"] = "gpu-worker-1"
      _ = try await client.create(
        CoreResources.pods,
        [
          "apiVersion": "v1", "kind": "Pod",
          "metadata": [
            "name": .string(podName), "namespace": "default", "labels": template[path: ["metadata", "labels"]] ?? nil,
            "ownerReferences": [owner],
          ],
          "spec": spec,
        ])
      let containers = (spec["containers"]?.arrayValue ?? []).map { container -> JSONValue in
        [
          "name": container["name"] ?? "", "image": container["image"] ?? "", "imageID": "", "ready": true,
          "started": true, "restartCount": 0, "state": ["running": ["startedAt": .string(started)]],
        ]
      }
      let status: JSONValue = [
        "phase": "Running", "podIP": .string("10.1.0.\(index + 10)"), "hostIP": "10.0.0.21",
        "startTime": .string(started), "containerStatuses": .array(containers),
        "conditions": [
          ["type": "Ready", "status": "True", "lastTransitionTime": .string(started)],
          ["type": "ContainersReady", "status": "True", "lastTransitionTime": .string(started)],
        ],
      ]
      _ = try await client.patch(
        CoreResources.pods, name: podName, namespace: "default", .merge(["status": status]), subresource: "status")
      names.append(podName)
    }
    let count = JSONValue.int(Int64(replicas))
    _ = try await client.patch(
      CoreResources.deployments, name: name, namespace: "default",
      .merge([
        "status": [
          "observedGeneration": deployment[path: ["metadata", "generation"]] ?? 1, "replicas": count,
          "readyReplicas": count, "updatedReplicas": count, "availableReplicas": count,
        ]
      ]), subresource: "status")
    return names
  }
}
