import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

@Suite("DetailModel")
struct DetailModelTests {
  typealias F = DetailFixtures

  @Test("an AICluster lists the pods it owns or labels, with why they do not serve")
  func clusterInstances() {
    let model = DetailModel(F.clusterContext)
    #expect(model.instances.map(\.name) == ["llama-pool-a", "llama-pool-b", "llama-pool-c"])
    let (running, crashing, pending) = (model.instances[0], model.instances[1], model.instances[2])
    #expect(
      [running.phase, running.ready, running.node, String(running.gpus)] == ["Running", "1/1", "gpu-node-1", "1"])
    #expect(running.role == .statusOK)
    #expect([crashing.reason, String(crashing.restarts)] == ["CrashLoopBackOff", "4"])
    #expect(crashing.role == .statusError)
    #expect([pending.phase, pending.reason, pending.node] == ["Pending", "Unschedulable", ""])
  }

  @Test("a container killed for memory reports OOMKilled")
  func oomKilled() {
    let pod = F.pod(
      "p",
      status: [
        "phase": "Running",
        "containerStatuses": [
          [
            "ready": false, "restartCount": 1, "state": ["running": [:]],
            "lastState": ["terminated": ["reason": "OOMKilled", "exitCode": 137]],
          ]
        ],
      ])
    #expect(DetailInstance(pod, now: F.now).reason == "OOMKilled")
  }

  @Test("revisions come newest first, the current one named by status.currentRevision")
  func revisions() {
    let model = DetailModel(F.clusterContext)
    #expect(model.revisions.map(\.number) == [2, 1])
    #expect(model.revisions.map(\.isCurrent) == [true, false])
    #expect(model.revisions.map(\.holds) == ["llama-3-8b v1.0.0", "llama-3-8b v0.9.0"])
    #expect(model.revisions.map(\.age) == ["10m", "120m"])
  }

  @Test("events are those about the object, newest first, with repeats counted")
  func events() {
    let model = DetailModel(F.clusterContext)
    #expect(model.events.map(\.reason) == ["BackOff", "ScalingReplicaSet"])
    #expect(model.events[0].age(now: F.now) == "60s (x5 over 9m)")
  }

  @Test("generation equal to observedGeneration is in sync; the last reconcile is reported")
  func inSync() {
    let reconcile = DetailModel(F.clusterContext).reconcile
    #expect(reconcile.sync == .inSync)
    #expect(reconcile.syncText == "in sync (generation 3)")
    #expect([reconcile.result, reconcile.reconcileID, reconcile.changeID] == ["Success", "rec-1", "chg-1"])
    #expect(reconcile.since == "30s ago")
    #expect(reconcile.nextRetry == nil)
  }

  @Test("a newer generation than observed is pending, and an Error result retries with backoff")
  func pendingAndError() {
    let reconcile = DetailModel(F.serviceContext()).reconcile
    #expect(reconcile.sync == .pending)
    #expect(reconcile.syncText == "pending reconcile (generation 5, observed 4)")
    #expect(reconcile.result == "Error")
    #expect(reconcile.message == "ModelDeployment \"llama-3-8b-v2\" not found")
    #expect(reconcile.nextRetry == "retrying (backoff)")
  }

  @Test("a timed requeue says when it runs again, from lastTime and the controller's message")
  func timedRequeue() {
    var object = F.cluster
    object.set(
      ["lastTime": F.ago(10), "result": "Requeue", "message": "again in 30.0 seconds"], at: ["status", "reconcile"])
    #expect(DetailReconcile(object, now: F.now).nextRetry == "in 20s")
    object.set(F.ago(40), at: ["status", "reconcile", "lastTime"])
    #expect(DetailReconcile(object, now: F.now).nextRetry == "due now")
  }

  @Test(
    "a condition's colour follows what its type means",
    arguments: [
      ("Ready", "True", "", ThemeRole.statusOK), ("Ready", "False", "", .statusError),
      ("Degraded", "True", "", .statusError), ("Degraded", "False", "", .statusOK),
      ("Progressing", "True", "RollingUpdate", .statusWarn), ("Progressing", "False", "RolloutComplete", .statusOK),
      ("Progressing", "False", "ProgressDeadlineExceeded", .statusError), ("Ready", "Unknown", "", .statusUnknown),
    ])
  func conditionRoles(type: String, status: String, reason: String, role: ThemeRole) {
    let condition = DetailCondition(
      type: type, status: status, reason: reason, message: "", age: "", polarity: DetailCondition.polarity(of: type))
    #expect(condition.role == role)
  }

  @Test("an InferenceService's tree runs from its AIApplication down to both pools' pods")
  func serviceTree() {
    let model = DetailModel(F.serviceContext())
    let lines = TreeState(expanded: DetailTree.ids(model.tree)).lines(model.tree).map { $0.guide + $0.node.label }
    #expect(
      lines == [
        "▾ AIApplication/chat-assistant",
        "└─▾ InferenceService/chat  Ready",
        "  ├─▾ AICluster/chat  Ready",
        "  │ └─  Pod/chat-x1  Running 1/1",
        "  └─▾ AICluster/chat-canary  Ready",
        "    └─  Pod/chat-canary-y1  Running 1/1",
      ])
    #expect(model.treeSelection == "uid-isvc")
    #expect(model.instances.map(\.name) == ["chat-canary-y1", "chat-x1"])
  }

  @Test("an AIApplication's instances are the pods of its services")
  func applicationInstances() {
    let model = DetailModel(F.serviceContext(object: F.application))
    #expect(model.instances.map(\.name) == ["chat-canary-y1", "chat-x1"])
    #expect(model.summary.spec.map(\.key) == ["Services", "Health"])
  }

  @Test("an unknown kind (KServe InferenceService) shows its flattened spec and its conditions")
  func unknownKind() {
    let model = DetailModel(
      DetailContext(object: KServeFixture.object, resource: KServeFixture.resource, related: [:], now: F.now))
    #expect(
      model.summary.spec.map(\.key) == [
        "predictor.model.modelFormat.name", "predictor.model.storageUri", "predictor.minReplicas",
      ])
    #expect(model.conditions.map(\.type) == ["PredictorReady", "Ready"])
    #expect(model.conditions.map(\.role) == [.statusOK, .statusError])
    #expect(model.hasInstances == false)
    #expect(model.reconcile.sync == .inSync)
  }

  @Test(
    "ages read like kubectl's",
    arguments: [
      (5, "5s"), (119, "119s"), (150, "2m30s"), (600, "10m"), (7200, "120m"), (12600, "3h30m"), (36000, "10h"),
      (86400 * 3 + 3600, "3d1h"), (86400 * 30, "30d"),
    ])
  func ages(seconds: Int, text: String) {
    #expect(DetailTime.human(seconds: seconds) == text)
  }
}

/// A KServe InferenceService: a custom resource the console has no code for.
enum KServeFixture {
  static let resource = DetailFixtures.resource("InferenceService", group: "serving.kserve.io", version: "v1beta1")
  static let object: JSONValue = [
    "apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
    "metadata": ["name": "sklearn-iris", "namespace": "kserve-test", "uid": "uid-kserve", "generation": 1],
    "spec": [
      "predictor": [
        "model": [
          "modelFormat": ["name": "sklearn"], "storageUri": "gs://kfserving-examples/models/sklearn/1.0/model",
        ],
        "minReplicas": 1,
      ]
    ],
    "status": [
      "observedGeneration": 1, "url": "http://sklearn-iris.kserve-test.example.com",
      "conditions": [
        DetailFixtures.condition("PredictorReady", "True", "", "", ago: 60),
        DetailFixtures.condition(
          "Ready", "False", "RevisionMissing", "Configuration has not yet been created", ago: 60),
      ],
    ],
  ]
}
