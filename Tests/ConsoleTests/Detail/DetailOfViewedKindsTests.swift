import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

/// The detail of a Pod listed with `:pods`, built by the reducer from its cache: the pod part
/// (status as kubectl computes it, containers) and the Events the events feed brings about it.
@Suite("Detail of a viewed kind")
struct DetailOfViewedKindsTests {
  typealias V = ViewedKindsTests

  @Test("a Pod selected in `:pods` gets the pod detail and the Events about it")
  func podFromPodsList() {
    let tests = V()
    var state = tests.stateWithCatalog()
    _ = tests.keys(":pods", &state)
    let pod = V.pod("assistant-0", node: "gpu-node-1", owner: "assistant")
    let event: JSONValue = [
      "apiVersion": "v1", "kind": "Event", "metadata": ["name": "assistant-0.backoff", "namespace": "demo"],
      "involvedObject": ["kind": "Pod", "name": "assistant-0", "namespace": "demo"],
      "reason": "BackOff", "message": "Back-off restarting failed container vllm", "type": "Warning", "count": 4,
    ]
    _ = ConsoleReducer.reduce(
      &state,
      [
        .viewed(V.pods, .columns(V.podColumns)), .viewed(V.pods, .change(.added(pod), cells: [])),
        .related(.events, .added(event)), .tick(state.now.addingTimeInterval(3)),
      ])
    guard case .pod(let detail)? = state.detail?.core else {
      Issue.record("no pod detail: \(String(describing: state.detail?.title))")
      return
    }
    #expect(state.detail?.title == "Pod demo/assistant-0")
    #expect(detail.fields.first { $0.key == "Status" }?.value == "CrashLoopBackOff")
    #expect(detail.containers.map(\.state) == ["Waiting CrashLoopBackOff"])
    #expect(state.detail?.events.map { "\($0.type) \($0.reason) \($0.object)" } == ["Warning BackOff Pod/assistant-0"])
  }
}
