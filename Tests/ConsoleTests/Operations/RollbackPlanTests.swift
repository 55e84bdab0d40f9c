import AIResources
import KubeCore
import Testing

@testable import ConsoleApp

@Suite("RollbackPlan")
struct RollbackPlanTests {
  /// An AICluster revision's data, as the controller stores an `InstanceTemplate`.
  static func template(_ version: String, image: String = "vllm:1", gpu: Int64? = nil, port: Int64 = 8000)
    -> JSONValue
  {
    var data: JSONValue = ["modelName": "llama", "modelVersion": .string(version), "image": .string(image)]
    if let gpu { data["resources"] = ["gpu": .int(gpu)] }
    data["port"] = .int(port)
    return data
  }

  static func revision(_ number: Int64, owner: String = "uid-1", data: JSONValue) -> JSONValue {
    [
      "metadata": ["name": .string("r\(number)"), "ownerReferences": [["uid": .string(owner)]]],
      "revision": .int(number), "data": data,
    ]
  }

  static func cluster(_ version: String, image: String = "vllm:1", gpu: Int64? = nil) -> JSONValue {
    var spec: JSONValue = ["modelName": "llama", "modelVersion": .string(version), "image": .string(image)]
    if let gpu { spec["resourceRequests"] = ["gpu": .int(gpu)] }
    return ["kind": "AICluster", "metadata": ["name": "a", "uid": "uid-1"], "spec": spec]
  }

  static let history = RollbackPlan.revisions(
    [
      revision(3, data: template("v3")), revision(1, data: template("v1")), revision(2, data: template("v2")),
      revision(9, owner: "someone-else", data: template("v9")),
    ], ownerUID: "uid-1")

  @Test("keeps only the object's own revisions, oldest first")
  func ownRevisions() {
    #expect(Self.history.map(\.number) == [1, 2, 3])
  }

  @Test("goes back to the revision before the one the spec matches")
  func previous() throws {
    let plan = try RollbackPlan.choose(
      .aiCluster, object: Self.cluster("v3"), revisions: Self.history, toRevision: nil, target: "aicluster/a")
    #expect(plan.revision.number == 2)
    #expect(plan.changes.map(\.description) == ["spec.modelVersion: v3 → v2"])
  }

  @Test("goes to the revision asked for, restoring every template field that differs")
  func toRevision() throws {
    let history = RollbackPlan.revisions(
      [
        Self.revision(1, data: Self.template("v1", image: "old", port: 9000)),
        Self.revision(2, data: Self.template("v2")),
      ],
      ownerUID: "uid-1")
    let plan = try RollbackPlan.choose(
      .aiCluster, object: Self.cluster("v2", gpu: 2), revisions: history, toRevision: 1, target: "aicluster/a")
    #expect(
      plan.changes.map(\.description) == [
        "spec.modelVersion: v2 → v1", "spec.image: vllm:1 → old", "spec.resourceRequests: {\"gpu\":2} → <none>",
        "spec.endpoint.port: 8000 → 9000",
      ])
    #expect(
      FieldChange.mergePatch(plan.changes, stamp: ChangeStamp(id: "c", generation: 2))["spec"]
        == ["modelVersion": "v1", "image": "old", "resourceRequests": nil, "endpoint": ["port": 9000]])
  }

  @Test("refuses a revision that does not exist, listing those that do")
  func missing() {
    #expect(throws: OperationError.self) {
      try RollbackPlan.choose(
        .aiCluster, object: Self.cluster("v3"), revisions: Self.history, toRevision: 7, target: "aicluster/a")
    }
    do throws(OperationError) {
      _ = try RollbackPlan.choose(
        .aiCluster, object: Self.cluster("v3"), revisions: Self.history, toRevision: 7, target: "aicluster/a")
    } catch {
      #expect(error.message == "aicluster/a has no revision 7: its revisions are 1, 2, 3")
    }
  }

  @Test("refuses when there is nothing earlier, or the revision asked for is the current one")
  func nothingToDo() {
    let only = RollbackPlan.revisions([Self.revision(1, data: Self.template("v1"))], ownerUID: "uid-1")
    for (revisions, number) in [(only, nil), (Self.history, Int64(3))] as [([RollbackPlan.Revision], Int64?)] {
      #expect(throws: OperationError.self) {
        try RollbackPlan.choose(
          .aiCluster, object: Self.cluster(number == nil ? "v1" : "v3"), revisions: revisions, toRevision: number,
          target: "aicluster/a")
      }
    }
  }

  @Test("an InferenceService's revision restores its modelRef")
  func serviceModel() throws {
    let history = RollbackPlan.revisions(
      [
        Self.revision(1, data: ["modelRef": ["name": "llama-v1"], "modelName": "llama", "modelVersion": "v1"]),
        Self.revision(2, data: ["modelRef": ["name": "llama-v2"], "modelName": "llama", "modelVersion": "v2"]),
      ], ownerUID: "uid-1")
    let service: JSONValue = ["metadata": ["uid": "uid-1"], "spec": ["modelRef": ["name": "llama-v2"]]]
    let plan = try RollbackPlan.choose(
      .inferenceService, object: service, revisions: history, toRevision: nil, target: "inferenceservice/s")
    #expect(plan.revision.number == 1)
    #expect(plan.changes.map(\.description) == ["spec.modelRef.name: llama-v2 → llama-v1"])
  }
}
