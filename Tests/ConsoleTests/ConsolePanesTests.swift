import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

@Suite("Console panes")
struct ConsolePanesTests {
  typealias F = ConsoleFixtures

  func record(_ line: String, pod: String = "llama-abc") -> LogRecord {
    LogRecord(line: line, source: LogSource(namespace: "demo", pod: pod), timestamped: false)
  }

  @Test("the logs pane names its sources, tags each line with its pod, and `v` filters by level")
  func logs() {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state,
      [
        .related(.pods, .added(F.pod("llama-abc", cluster: "llama"))),
        .object(F.aiCluster, .added(F.cluster("llama"))),
      ])
    // Lines arrive once the pods are followed; a late line of another pod is not shown.
    _ = ConsoleReducer.reduce(
      &state,
      [
        .log(record(#"{"level":"info","msg":"from a pod no longer followed"}"#, pod: "gone")),
        .log(
          record(#"{"ts":"2026-11-30T10:00:01.000Z","level":"info","msg":"request served","correlation_id":"c-1"}"#)),
        .log(record(#"{"ts":"2026-11-30T10:00:02.000Z","level":"warn","msg":"slow start","correlation_id":"c-2"}"#)),
      ])
    var text = render(state)
    #expect(text.contains("Logs · llama-abc"))
    #expect(text.contains("request served"))
    #expect(text.contains("INFO  llama-abc request served"))
    #expect(text.contains("level all · following"))
    #expect(!text.contains("no longer followed"))
    _ = ConsoleReducer.reduce(&state, [.key(.char("v")), .key(.char("v")), .key(.char("v"))])
    text = render(state)
    #expect(text.contains("level ≥warn"))
    #expect(text.contains("slow start"))
    #expect(!text.contains("request served"))
  }

  @Test("y shows the selection as YAML, d describes it, esc goes back to the panes")
  func textViews() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(F.cluster("llama"))))
    _ = ConsoleReducer.reduce(&state, .key(.char("y")))
    var text = render(state)
    #expect(text.contains("YAML · AICluster demo/llama"))
    #expect(text.contains("modelName: llama-3-8b"))
    _ = ConsoleReducer.reduce(&state, .key(.char("d")))
    text = render(state)
    #expect(text.contains("Describe · AICluster demo/llama"))
    #expect(text.contains("Name:"))
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.escape)))
    #expect(state.mode.name == .normal)
    #expect(render(state).contains("AI resources"))
  }

  @Test("the detail pane follows the selection and shows conditions and reconcile state")
  func detail() {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state,
      [
        .object(F.aiCluster, .added(F.cluster("alpha"))),
        .object(F.aiCluster, .added(F.cluster("beta", generation: 2))),
      ])
    var text = render(state)
    #expect(text.contains("AICluster demo/alpha"))
    #expect(text.contains("in sync (generation 1)"))
    _ = ConsoleReducer.reduce(&state, .key(.char("j")))
    text = render(state)
    #expect(text.contains("AICluster demo/beta"))
    #expect(text.contains("pending reconcile"))
  }

  @Test("read-only mode shows its badge; a tiny terminal gets no crash")
  func readOnlyAndTiny() {
    var state = ConsoleState(
      world: .init(context: "prod", server: "https://k8s", embedded: false, readOnly: true), theme: .plain, now: F.now)
    state.size = Size(width: 100, height: 20)
    #expect(render(state).contains("READ-ONLY"))
    #expect(render(state).contains("context prod · https://k8s"))
    state.size = Size(width: 12, height: 4)
    _ = render(state)
  }
}
