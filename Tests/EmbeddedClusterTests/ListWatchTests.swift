import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: list and watch")
struct ListWatchTests {
  @Test("lists page with limit and continue, and filter by label")
  func pagination() async throws {
    let cluster = try await TestCluster()
    for index in 0..<5 {
      let labels: JSONValue = ["tier": index % 2 == 0 ? "even" : "odd"]
      _ = try await cluster.call(
        "POST", TestCluster.aiClusters, body: TestCluster.aiCluster("c\(index)", labels: labels))
    }
    let (_, first) = try await cluster.call("GET", TestCluster.aiClusters, query: ["limit": "2"])
    #expect(first["kind"] == "AIClusterList")
    #expect(first["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["c0", "c1"])
    #expect(first[path: ["metadata", "remainingItemCount"]] == 3)
    let token = first[path: ["metadata", "continue"]]?.stringValue ?? ""
    let (_, second) = try await cluster.call("GET", TestCluster.aiClusters, query: ["limit": "2", "continue": token])
    #expect(second["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["c2", "c3"])
    let (_, odd) = try await cluster.call("GET", TestCluster.aiClusters, query: ["labelSelector": "tier=odd"])
    #expect(odd["items"]?.arrayValue?.count == 2)
    let (bad, _) = try await cluster.call("GET", TestCluster.aiClusters, query: ["labelSelector": "tier in (a"])
    #expect(bad == 400)
    // With a selector the rest cannot be counted without reading it all: a continue, no count.
    let (_, evenPage) = try await cluster.call(
      "GET", TestCluster.aiClusters, query: ["labelSelector": "tier=even", "limit": "1"])
    #expect(evenPage["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["c0"])
    #expect(evenPage[path: ["metadata", "continue"]]?.stringValue?.isEmpty == false)
    #expect(evenPage[path: ["metadata", "remainingItemCount"]] == nil)
    // The last page has no continue.
    let (_, last) = try await cluster.call("GET", TestCluster.aiClusters, query: ["limit": "5"])
    #expect(last["items"]?.arrayValue?.count == 5)
    #expect(last[path: ["metadata", "continue"]] == nil)
  }

  @Test("a namespace's page counts only that namespace's rest, whatever other namespaces hold")
  func namespacePages() async throws {
    let cluster = try await TestCluster()
    for namespace in ["alpha", "beta"] {
      _ = try await cluster.call(
        "POST", "/api/v1/namespaces",
        body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
      for index in 0..<4 {
        _ = try await cluster.call(
          "POST", "/apis/ai.aiconsole.dev/v1/namespaces/\(namespace)/aiclusters",
          body: TestCluster.aiCluster("\(namespace)-\(index)"))
      }
    }
    let path = "/apis/ai.aiconsole.dev/v1/namespaces/alpha/aiclusters"
    let (_, first) = try await cluster.call("GET", path, query: ["limit": "3"])
    #expect(
      first["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == [
        "alpha-0", "alpha-1", "alpha-2",
      ])
    #expect(first[path: ["metadata", "remainingItemCount"]] == 1)
    let token = first[path: ["metadata", "continue"]]?.stringValue ?? ""
    let (_, second) = try await cluster.call("GET", path, query: ["limit": "3", "continue": token])
    #expect(second["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["alpha-3"])
    #expect(second[path: ["metadata", "continue"]] == nil)
  }

  @Test("a watch from a list's resourceVersion sees later changes in order")
  func watchFromRevision() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("w"))
    let (_, list) = try await cluster.call("GET", TestCluster.aiClusters)
    let revision = list[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
    let response = await cluster.send(
      "GET", TestCluster.aiClusters, query: ["watch": "true", "resourceVersion": revision])
    let (frames, task) = cluster.frames(of: response)
    defer { task.cancel() }
    _ = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/w", body: ["spec": ["replicas": 3]],
      contentType: "application/merge-patch+json")
    _ = try await cluster.call("DELETE", TestCluster.aiClusters + "/w")
    let events = await frames.take(2)
    #expect(events.map { $0["type"] } == ["MODIFIED", "DELETED"])
    #expect(events.first?[path: ["object", "spec", "replicas"]] == 3)
  }

  @Test("a watcher that stops reading is cut off at its buffer, not held in memory, and a relist has it all")
  func slowConsumer() async throws {
    let cluster = try await TestCluster(watchBuffer: 50)
    let (_, list) = try await cluster.call("GET", TestCluster.aiClusters)
    let revision = list[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
    // The watch is open but nobody reads it.
    let response = await cluster.send(
      "GET", TestCluster.aiClusters, query: ["watch": "true", "resourceVersion": revision])
    #expect(await cluster.server.store.watcherCount == 1)
    for index in 0..<80 {
      _ = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("slow-\(index)"))
    }
    #expect(await cluster.server.store.watcherCount == 0, "the stalled watcher is still held")
    // What it buffered is delivered, then the stream ends, so the client knows to relist.
    let (frames, task) = cluster.frames(of: response)
    defer { task.cancel() }
    var received = 0
    for await _ in frames { received += 1 }
    #expect(received == 50)
    let (_, relisted) = try await cluster.call("GET", TestCluster.aiClusters)
    #expect(relisted["items"]?.arrayValue?.count == 80)
  }

  @Test("a watch without resourceVersion starts with ADDED events and the initial-events-end bookmark")
  func initialEvents() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("i"))
    let response = await cluster.send(
      "GET", TestCluster.aiClusters, query: ["watch": "1", "allowWatchBookmarks": "true"])
    let (frames, task) = cluster.frames(of: response)
    defer { task.cancel() }
    let events = await frames.take(2)
    #expect(events.first?["type"] == "ADDED")
    #expect(events.last?["type"] == "BOOKMARK")
    #expect(events.last?[path: ["object", "metadata", "annotations", "k8s.io/initial-events-end"]] == "true")
  }

  @Test("a watch from a revision older than the window gets a 410 Expired ERROR frame")
  func tooOld() async throws {
    let cluster = try await TestCluster(windowCapacity: 2)
    for index in 0..<5 {
      _ = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("o\(index)"))
    }
    let response = await cluster.send("GET", TestCluster.aiClusters, query: ["watch": "true", "resourceVersion": "1"])
    #expect(response.status == 200)
    let (frames, task) = cluster.frames(of: response)
    defer { task.cancel() }
    let events = await frames.take(1)
    #expect(events.first?["type"] == "ERROR")
    #expect(events.first?[path: ["object", "code"]] == 410)
    #expect(events.first?[path: ["object", "reason"]] == "Expired")
  }

  @Test("a label-selector watch sees an object leave its selection as DELETED")
  func selectorWatch() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("s", labels: ["team": "a"]))
    let response = await cluster.send(
      "GET", TestCluster.aiClusters, query: ["watch": "true", "labelSelector": "team=a"])
    let (frames, task) = cluster.frames(of: response)
    defer { task.cancel() }
    _ = try await cluster.call(
      "PATCH", TestCluster.aiClusters + "/s", body: ["metadata": ["labels": ["team": "b"]]],
      contentType: "application/merge-patch+json")
    let events = await frames.take(2)
    #expect(events.map { $0["type"] } == ["ADDED", "DELETED"])
  }

  @Test("Table output carries the CRD's printer columns")
  func table() async throws {
    let cluster = try await TestCluster()
    _ = try await cluster.call("POST", TestCluster.aiClusters, body: TestCluster.aiCluster("t", replicas: 2))
    let (_, table) = try await cluster.call(
      "GET", TestCluster.aiClusters, accept: "application/json;as=Table;v=v1;g=meta.k8s.io")
    #expect(table["kind"] == "Table")
    let names = table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    #expect(names.first == "Name")
    #expect(names.contains("Replicas"))
    let row = table["rows"]?.arrayValue?.first
    #expect(row?["cells"]?.arrayValue?.first == "t")
    #expect(row?[path: ["object", "kind"]] == "PartialObjectMetadata")
  }
}
