import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

/// The watch window is bounded by bytes as well as by count: a stream of changes to one large
/// object once held every version (600 changes of a 2 MB ConfigMap took 3.5 GB); now the oldest
/// go once the window passes its byte bound, and a watch from before them gets 410 Gone.
@Suite("watch window bounded by bytes")
struct WatchWindowBytesTests {
  static let configMaps = "/api/v1/namespaces/default/configmaps"

  static func configMap(_ name: String, payload: String) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)],
      "data": ["payload": .string(payload)],
    ]
  }

  /// A payload of `size` bytes that differs for every `index`.
  static func payload(_ index: Int, size: Int) -> String {
    String(repeating: Character(UnicodeScalar(UInt8(97 + index % 26))), count: size - 8)
      + String(format: "%08d", index)
  }

  @Test("50 changes of a 64 KB object keep the window under a 1 MiB bound, evicting the oldest")
  func windowStaysUnderItsBound() async throws {
    let bound = 1 << 20
    let cluster = try await TestCluster(windowBytes: bound)
    let created = try await cluster.call(
      "POST", Self.configMaps, body: Self.configMap("big", payload: Self.payload(0, size: 64 << 10)))
    #expect(created.status == 201)
    var largest = 0
    var revisions: [String] = []
    for index in 1...50 {
      let (status, patched) = try await cluster.call(
        "PATCH", Self.configMaps + "/big", body: ["data": ["payload": .string(Self.payload(index, size: 64 << 10))]],
        contentType: "application/merge-patch+json")
      #expect(status == 200)
      revisions.append(patched[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")
      largest = max(largest, await cluster.server.store.windowBytes)
    }
    #expect(largest <= bound, "the window held \(largest) bytes, over its bound of \(bound)")
    #expect(largest > bound / 2, "the window should fill toward its bound, held at most \(largest)")

    // The first change left the window for its size (1,000 events by count would have kept it).
    let evicted = await cluster.send("GET", Self.configMaps, query: ["watch": "1", "resourceVersion": revisions[0]])
    let (frames, task) = cluster.frames(of: evicted)
    defer { task.cancel() }
    let refusal = await frames.take(1).first
    #expect(refusal?["type"] == "ERROR")
    #expect(refusal?[path: ["object", "code"]] == 410)
    #expect(refusal?[path: ["object", "reason"]] == "Expired")

    // A recent revision is still in the window: the watch replays the change after it.
    let recent = await cluster.send("GET", Self.configMaps, query: ["watch": "1", "resourceVersion": revisions[48]])
    let (recentFrames, recentTask) = cluster.frames(of: recent)
    defer { recentTask.cancel() }
    let replayed = await recentFrames.take(1).first
    #expect(replayed?["type"] == "MODIFIED")
    #expect(replayed?[path: ["object", "metadata", "resourceVersion"]]?.stringValue == revisions[49])
  }

  @Test("one change larger than the whole bound empties the window, and a watch from now still starts")
  func oversizedEventLeavesAnEmptyWindow() async throws {
    let cluster = try await TestCluster(windowBytes: 100 << 10)
    let (_, created) = try await cluster.call(
      "POST", Self.configMaps, body: Self.configMap("huge", payload: Self.payload(1, size: 200 << 10)))
    #expect(await cluster.server.store.windowBytes == 0)
    let revision = created[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
    let response = await cluster.send("GET", Self.configMaps, query: ["watch": "1", "resourceVersion": revision])
    let (frames, task) = cluster.frames(of: response)
    defer { task.cancel() }
    _ = try await cluster.call(
      "PATCH", Self.configMaps + "/huge", body: ["metadata": ["labels": ["seen": "yes"]]],
      contentType: "application/merge-patch+json")
    let next = await frames.take(1).first
    #expect(next?["type"] == "MODIFIED")
  }

  @Test("an event counts its frame, its object twice (bytes and decoded) and the previous object")
  func eventCost() {
    let key = ObjectKey(resource: GroupResource(group: "", resource: "configmaps"), namespace: "default", name: "c")
    let object = StoredObject(key: key, value: Self.configMap("c", payload: "x"), revision: 2)
    let event = WatchEvent(kind: .modified, object: object, previous: object.value, previousBytes: 100)
    #expect(event.retainedBytes == event.frame.count + 2 * object.bytes.count + 100)
    #expect(event.retyped(.deleted).retainedBytes == event.retainedBytes)
  }
}
