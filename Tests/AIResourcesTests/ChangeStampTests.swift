import AIResources
import KubeCore
import Testing

@Suite("ChangeStamp")
struct ChangeStampTests {
  /// An object at `generation` stamped for `stamped`, whose last change acted at `acted` with `result`.
  func object(generation: Int64, stamped: Int64?, acted: (Int64, String)? = nil) -> JSONValue {
    var object: JSONValue = ["metadata": ["generation": .int(generation)], "status": .emptyObject]
    ChangeStamp(id: "c-1", generation: stamped).stamp(&object)
    if let (at, result) = acted {
      object.set(
        ["changeID": "c-1", "generation": .int(at), "result": .string(result)],
        at: ["status", "reconcile", "lastChange"])
    }
    return object
  }

  @Test("an edit that changes the spec is stamped for the next generation, one that does not for this one")
  func stampedGeneration() {
    let read: JSONValue = ["metadata": ["generation": 4]]
    #expect(ChangeStamp(id: "c", editing: read, changesSpec: true).generation == 5)
    #expect(ChangeStamp(id: "c", editing: read, changesSpec: false).generation == 4)
    #expect(
      ChangeStamp(id: "c", generation: 5).annotations
        == ["ai.aiconsole.dev/change-id": "c", "ai.aiconsole.dev/change-generation": "5"])
  }

  @Test("the first reconcile of the stamped generation acts on the change")
  func firstReconcile() {
    #expect(ChangeStamp.acted(on: object(generation: 5, stamped: 5)) == "c-1")
  }

  @Test("reconciles of that generation act on it until one succeeds, and none after")
  func untilSettled() {
    #expect(ChangeStamp.acted(on: object(generation: 5, stamped: 5, acted: (5, "Requeue"))) == "c-1")
    #expect(ChangeStamp.acted(on: object(generation: 5, stamped: 5, acted: (5, "Success"))) == nil)
  }

  @Test("a later edit by another tool leaves the annotation, but its generation's reconciles act on no change")
  func laterGeneration() {
    #expect(ChangeStamp.acted(on: object(generation: 6, stamped: 5, acted: (5, "Success"))) == nil)
    #expect(ChangeStamp.acted(on: object(generation: 6, stamped: 5)) == nil)
  }

  @Test("a change-id written by hand, with no generation, belongs to the generation it first acted at")
  func handWritten() {
    #expect(ChangeStamp.acted(on: object(generation: 2, stamped: nil)) == "c-1")
    #expect(ChangeStamp.acted(on: object(generation: 2, stamped: nil, acted: (2, "Requeue"))) == "c-1")
    #expect(ChangeStamp.acted(on: object(generation: 2, stamped: nil, acted: (2, "Success"))) == nil)
    #expect(ChangeStamp.acted(on: object(generation: 3, stamped: nil, acted: (2, "Requeue"))) == nil)
  }

  @Test("an object without a change-id acts on none")
  func unstamped() {
    #expect(ChangeStamp.acted(on: ["metadata": ["generation": 1]]) == nil)
  }
}
