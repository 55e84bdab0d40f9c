import AIResources
import KubeCore
import Testing

@testable import ConsoleApp

@Suite("FieldChange")
struct FieldChangeTests {
  @Test("the merge patch sets new values, removes absent ones with null, and carries the change-id and its generation")
  func mergePatch() {
    let patch = FieldChange.mergePatch(
      [
        FieldChange(path: ["spec", "modelRef", "name"], old: "a", new: "b"),
        FieldChange(path: ["spec", "canary"], old: ["modelRef": ["name": "b"]], new: nil),
      ], stamp: ChangeStamp(id: "c-1", generation: 4))
    #expect(
      patch
        == [
          "metadata": [
            "annotations": ["ai.aiconsole.dev/change-id": "c-1", "ai.aiconsole.dev/change-generation": "4"]
          ],
          "spec": ["modelRef": ["name": "b"], "canary": nil],
        ])
  }

  @Test("a change reads as field: old → new, <none> for absent")
  func description() {
    #expect(FieldChange(path: ["spec", "replicas"], old: 1, new: 3).description == "spec.replicas: 1 → 3")
    #expect(FieldChange(path: ["spec", "image"], old: nil, new: "x:1").description == "spec.image: <none> → x:1")
  }

  @Test("the diff names each changed leaf, arrays as a whole")
  func diff() {
    let old: JSONValue = ["model": "m", "backends": [["service": "a"]], "cache": ["enabled": false]]
    let new: JSONValue = [
      "model": "m", "backends": [["service": "b"]], "cache": ["enabled": true], "timeoutSeconds": 30,
    ]
    #expect(
      FieldChange.diff(old, new, at: ["spec"]).map(\.description) == [
        "spec.backends: [{\"service\":\"a\"}] → [{\"service\":\"b\"}]", "spec.cache.enabled: false → true",
        "spec.timeoutSeconds: <none> → 30",
      ])
    #expect(FieldChange.diff(old, old, at: ["spec"]).isEmpty)
  }
}
