import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// A Pod's own logs: `l` follows its containers (a picker first when it has several), `p` beside
/// the logs pane switches to the run before the last restart, and the pane's title says which.
@Suite("Pod logs in the console")
struct PodLogsTests {
  typealias F = ConsoleFixtures
  static let pods = ViewedKindsTests.pods

  static func pod(_ name: String, containers: [String], restarted: Bool = true) -> JSONValue {
    let statuses: [JSONValue] = containers.map { container in
      var status: JSONValue = [
        "name": .string(container), "ready": true, "restartCount": restarted ? 1 : 0,
        "state": ["running": .emptyObject],
      ]
      if restarted { status["lastState"] = ["terminated": ["exitCode": 1, "reason": "Error"]] }
      return status
    }
    return [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": ["name": .string(name), "namespace": "demo", "creationTimestamp": .string(F.created)],
      "spec": ["nodeName": "gpu-node-1", "containers": .array(containers.map { ["name": .string($0)] })],
      "status": ["phase": "Running", "containerStatuses": .array(statuses)],
    ]
  }

  /// `:pods` listing `pod`, selected, with a component pod whose logs the AI kinds show.
  static func state(showing pod: JSONValue) -> ConsoleState {
    var state = ViewedKindsTests().stateWithCatalog()
    _ = ConsoleReducer.reduce(&state, ":pods".map { .key(.char($0)) } + [.key(KeyEvent(.enter))])
    _ = ConsoleReducer.reduce(
      &state,
      [
        .viewed(pods, .columns(ViewedKindsTests.podColumns)), .viewed(pods, .change(.added(pod), cells: [])),
        .viewed(pods, .change(.state(.synced), cells: [])),
      ])
    return state
  }

  static func followed(_ effects: [ConsoleEffect]) -> Set<LogSource>? {
    for case .followLogs(let sources) in effects { return sources }
    return nil
  }

  @Test("the selected Pod's logs are followed alone; `l` on a one-container pod focuses them at once")
  func oneContainer() {
    var state = Self.state(showing: Self.pod("assistant-0", containers: ["vllm"]))
    #expect(state.followedSources == [LogSource(namespace: "demo", pod: "assistant-0")])
    let effects = ConsoleReducer.reduce(&state, .key(.char("l")))
    #expect(state.mode.name == .normal)
    #expect(state.focus == .logs)
    #expect(Self.followed(effects) == nil, "already followed")
    #expect(render(state).contains("Logs · assistant-0 · vllm"))
  }

  @Test("`l` on a pod of two containers opens the picker; enter on one follows that container only")
  func picker() {
    var state = Self.state(showing: Self.pod("assistant-0", containers: ["vllm", "proxy"]))
    #expect(
      state.followedSources == [
        LogSource(namespace: "demo", pod: "assistant-0", container: "vllm"),
        LogSource(namespace: "demo", pod: "assistant-0", container: "proxy"),
      ])
    _ = ConsoleReducer.reduce(&state, .key(.char("l")))
    guard case .containers(let picker) = state.mode else {
      Issue.record("no container picker: \(state.mode.name)")
      return
    }
    #expect(picker.choices.map(\.value) == [.all, .one("vllm"), .one("proxy")])
    let screen = render(state)
    #expect(screen.contains("Logs of assistant-0") && screen.contains("all containers"))
    #expect(screen.contains("proxy  running · 1 restart"))
    let effects = ConsoleReducer.reduce(&state, [.key(.char("j")), .key(.char("j")), .key(KeyEvent(.enter))])
    #expect(state.mode.name == .normal)
    #expect(state.focus == .logs)
    #expect(Self.followed(effects) == [LogSource(namespace: "demo", pod: "assistant-0", container: "proxy")])
    #expect(render(state).contains("Logs · assistant-0 · proxy"))
    _ = ConsoleReducer.reduce(&state, [.key(.char("l")), .key(KeyEvent(.escape))])
    #expect(state.mode.name == .normal)
  }

  @Test("`p` on a Pod outside the logs pane switches to the previous run and back; in the pane it pauses")
  func previous() {
    var state = Self.state(showing: Self.pod("assistant-0", containers: ["vllm"]))
    let effects = ConsoleReducer.reduce(&state, .key(.char("p")))
    #expect(Self.followed(effects) == [LogSource(namespace: "demo", pod: "assistant-0", previous: true)])
    #expect(render(state).contains("Logs · assistant-0 · vllm · previous"))
    #expect(!state.logs.isPaused)
    let back = ConsoleReducer.reduce(&state, .key(.char("p")))
    #expect(Self.followed(back) == [LogSource(namespace: "demo", pod: "assistant-0")])
    _ = ConsoleReducer.reduce(&state, [.key(.char("p")), .key(.char("l"))])
    #expect(state.followedSources == [LogSource(namespace: "demo", pod: "assistant-0")], "l shows the current run")
    _ = ConsoleReducer.reduce(&state, .key(.char("p")))
    #expect(state.logs.isPaused, "in the logs pane p pauses")
  }

  @Test("`p` on a Pod that never restarted says so, in the kubelet's words, and keeps the current run")
  func noPrevious() {
    var state = Self.state(showing: Self.pod("assistant-0", containers: ["vllm"], restarted: false))
    let effects = ConsoleReducer.reduce(&state, .key(.char("p")))
    #expect(Self.followed(effects) == nil)
    #expect(state.flash?.text == #"previous terminated container "vllm" in pod "assistant-0" not found"#)
  }

  @Test("records of two containers are prefixed with pod/container")
  func containerPrefix() {
    var state = Self.state(showing: Self.pod("assistant-0", containers: ["vllm", "proxy"]))
    let source = LogSource(namespace: "demo", pod: "assistant-0", container: "proxy")
    let record = LogRecord(line: "2026-01-02T03:04:05Z listening on 8080", source: source, timestamped: true)
    _ = ConsoleReducer.reduce(&state, .log(record))
    #expect(render(state).contains("assistant-0/proxy"))
  }
}
