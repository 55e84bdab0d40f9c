import AIResources
import KubeCore
import Testing

@Suite("ChangeStamp")
struct ChangeStampTests {
  /// An object at `generation` stamped for `stamped`, whose last reconcile observed `observed`.
  func object(
    generation: Int64, stamped: Int64?, observed: Int64?, last: (String, String?)? = nil
  ) -> JSONValue {
    var object: JSONValue = ["metadata": ["generation": .int(generation)], "status": .emptyObject]
    ChangeStamp(id: "c-1", generation: stamped).stamp(&object)
    if let observed { object.set(.int(observed), at: ["status", "observedGeneration"]) }
    if let (result, changeID) = last {
      object.set(
        ["result": .string(result), "changeID": changeID.map(JSONValue.string) ?? .null], at: ["status", "reconcile"])
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
    #expect(ChangeStamp.acted(on: object(generation: 5, stamped: 5, observed: 4)) == "c-1")
  }

  @Test("reconciles of that generation act on it until one succeeds, and none after")
  func untilSettled() {
    #expect(ChangeStamp.acted(on: object(generation: 5, stamped: 5, observed: 5, last: ("Requeue", "c-1"))) == "c-1")
    #expect(ChangeStamp.acted(on: object(generation: 5, stamped: 5, observed: 5, last: ("Success", "c-1"))) == nil)
    #expect(ChangeStamp.acted(on: object(generation: 5, stamped: 5, observed: 5, last: ("Requeue", nil))) == nil)
  }

  @Test("a later edit by another tool leaves the annotation, but its generation's reconciles act on no change")
  func laterGeneration() {
    #expect(ChangeStamp.acted(on: object(generation: 6, stamped: 5, observed: 5, last: ("Success", "c-1"))) == nil)
    #expect(ChangeStamp.acted(on: object(generation: 6, stamped: 5, observed: 6, last: ("Requeue", "c-1"))) == nil)
  }

  @Test("a change-id written by hand, with no generation, counts until its generation is observed")
  func handWritten() {
    #expect(ChangeStamp.acted(on: object(generation: 2, stamped: nil, observed: 1)) == "c-1")
    #expect(ChangeStamp.acted(on: object(generation: 2, stamped: nil, observed: 2, last: ("Requeue", "c-1"))) == nil)
  }

  @Test("an object without a change-id acts on none")
  func unstamped() {
    #expect(ChangeStamp.acted(on: ["metadata": ["generation": 1]]) == nil)
  }
}
