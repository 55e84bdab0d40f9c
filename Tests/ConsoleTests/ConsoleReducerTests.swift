import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

@Suite("Console reducer")
struct ConsoleReducerTests {
  typealias F = ConsoleFixtures

  func keys(_ text: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
    ConsoleReducer.reduce(&state, text.map { .key(.char($0)) })
  }

  @Test("every AI kind is listed together at first, with its kind and health")
  func allKinds() {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state, [.object(F.aiCluster, .added(F.cluster("llama"))), .object(F.aiCluster, .added(F.cluster("mistral")))])
    let text = render(state)
    #expect(text.contains("AI resources · all namespaces"))
    #expect(text.contains("KIND"))
    #expect(text.contains("● AICluster"))
    #expect(text.contains("llama"))
    #expect(text.contains("[2]"))
  }

  @Test("`:aic` lists AIClusters with their own columns; an unknown name says what exists")
  func switchKinds() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(F.cluster("llama", ready: 1, replicas: 3))))
    _ = keys(":aic", &state)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    var text = render(state)
    #expect(text.contains("AICluster (aic)"))
    #expect(text.contains("MODEL"))
    #expect(text.contains("REVISION"))
    #expect(text.contains("1/3"))
    #expect(text.contains("7f9c2d"))
    _ = keys(":nope", &state)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    text = render(state)
    #expect(text.contains("no kind 'nope' is served"))
    #expect(text.contains("aic"))
  }

  @Test("`/` filters as you type and esc brings every row back")
  func filter() {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state, ["alpha", "beta", "gamma"].map { .object(F.aiCluster, .added(F.cluster($0))) })
    _ = keys("/bet", &state)
    #expect(state.table.count == 1)
    #expect(render(state).contains("[1/3] /bet"))
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.escape)))
    #expect(state.table.count == 3)
  }

  @Test("a live change flashes its row until the flash expires")
  func flash() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(F.cluster("llama"))))
    let id = ObjectIdentity(F.aiCluster, F.cluster("llama"))
    _ = ConsoleReducer.reduce(
      &state, .object(F.aiCluster, .modified(old: F.cluster("llama"), new: F.cluster("llama", ready: 1))))
    #expect(state.table.rows.first { $0.id == id }?.role == .flashInfo)
    _ = ConsoleReducer.reduce(&state, .tick(F.now.addingTimeInterval(2)))
    #expect(state.table.rows.first { $0.id == id }?.role != .flashInfo)
  }

  @Test("objects listed while a kind syncs do not flash")
  func noFlashWhileSyncing() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .state(.syncing(loaded: 0, total: 10))))
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(F.cluster("llama"))))
    #expect(state.flashing.isEmpty)
    #expect(render(state).contains("syncing 0/10"))
  }

  @Test("a kind whose CRD goes away leaves the list cleanly, with a message")
  func kindRemoved() {
    var state = F.state(kinds: [F.aiCluster, F.kserve])
    _ = ConsoleReducer.reduce(&state, .object(F.kserve, .added(["metadata": ["name": "sk", "namespace": "ml"]])))
    _ = keys(":isvc", &state)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    #expect(state.listing == .kind(F.kserve))
    _ = ConsoleReducer.reduce(&state, .kinds([F.aiCluster]))
    #expect(state.listing == .allKinds)
    #expect(state.table.count == 0)
    #expect(render(state).contains("InferenceService is no longer served"))
  }

  @Test("while the API server is unreachable a banner says since when; data stays")
  func disconnected() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(F.cluster("llama"))))
    let since = F.now.addingTimeInterval(-42)
    _ = ConsoleReducer.reduce(
      &state,
      .object(
        F.aiCluster,
        .state(.disconnected(since: since, retryAt: F.now.addingTimeInterval(3), reason: "connection refused"))))
    var text = render(state)
    #expect(text.contains("API server unreachable"))
    #expect(text.contains("· connection refused"))
    #expect(text.contains("showing data from 42s ago"))
    #expect(text.contains("retrying in 3s"))
    #expect(text.contains("llama"))
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .state(.synced)))
    text = render(state)
    #expect(!text.contains("unreachable"))
    #expect(text.contains("synced"))
  }

  @Test("the header counts objects by health")
  func headerCounts() {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state,
      [
        .object(F.aiCluster, .added(F.cluster("a"))), .object(F.aiCluster, .added(F.cluster("b", result: "Error"))),
        .object(F.aiCluster, .added(F.cluster("c", generation: 2))),
      ])
    let text = render(state)
    #expect(text.contains("● 1 healthy"))
    #expect(text.contains("◐ 1 progressing"))
    #expect(text.contains("✖ 1 failing"))
  }

  @Test("a kind we do not know shows its CRD's printer columns and its Ready condition")
  func printerColumns() {
    var state = F.state(kinds: [F.kserve])
    let object: JSONValue = [
      "metadata": ["name": "sklearn-iris", "namespace": "ml", "creationTimestamp": .string(F.created)],
      "status": [
        "url": "http://sklearn-iris.ml.example.com",
        "conditions": [["type": "Ready", "status": "True"]],
      ],
    ]
    _ = ConsoleReducer.reduce(
      &state, [.related(.definitions, .added(F.kserveDefinition)), .object(F.kserve, .added(object))])
    _ = keys(":isvc", &state)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    let text = render(state)
    #expect(text.contains("URL"))
    #expect(!text.contains("PREV"))
    #expect(text.contains("http://sklearn-iris.ml.example.com"))
    #expect(text.contains("True"))
    #expect(text.contains("5m"))
  }

  @Test("the selection's pods and the components' pods are followed for logs")
  func followsLogs() {
    var state = F.state()
    let effects = ConsoleReducer.reduce(
      &state,
      [
        .related(.pods, .added(F.pod("llama-abc", cluster: "llama"))),
        .related(.pods, .added(F.pod("other-xyz", cluster: "other"))),
        .related(.componentPods, .added(F.componentPod("aiconsole-controller"))),
        .object(F.aiCluster, .added(F.cluster("llama"))),
      ])
    let expected: Set = [
      LogSource(namespace: "demo", pod: "llama-abc"),
      LogSource(namespace: "aiconsole-system", pod: "aiconsole-controller"),
    ]
    #expect(effects == [.followLogs(expected)])
    #expect(ConsoleReducer.reduce(&state, .tick(F.now)).isEmpty)
  }

  @Test("tab moves the focus, z zooms the focused pane, q quits")
  func panes() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.tab)))
    #expect(state.focus == .detail)
    _ = keys("z", &state)
    #expect(state.zoom == .detail)
    #expect(ConsoleLayout(state).list.isEmpty)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.escape)))
    #expect(state.zoom == nil)
    #expect(keys("q", &state) == [.quit(0)])
  }

  @Test(":ns picks a namespace and :ns all lists every one")
  func namespace() {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state,
      [
        .object(F.aiCluster, .added(F.cluster("a", namespace: "team-a"))),
        .object(F.aiCluster, .added(F.cluster("b", namespace: "team-b"))),
      ])
    _ = keys(":ns team-a", &state)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    #expect(state.table.count == 1)
    #expect(render(state).contains("ns team-a"))
    _ = keys(":ns all", &state)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    #expect(state.table.count == 2)
  }
}

@Suite("Console label filter")
struct ConsoleLabelFilterTests {
  typealias F = ConsoleFixtures

  func labelled(_ name: String, _ team: String) -> JSONValue { F.cluster(name, labels: ["team": team]) }

  @Test("/-l key=value lists only matching objects; a bad selector says so and keeps the list")
  func labels() {
    var state = F.state()
    _ = ConsoleReducer.reduce(
      &state, [.object(F.aiCluster, .added(labelled("a", "red"))), .object(F.aiCluster, .added(labelled("b", "blue")))])
    _ = ConsoleReducer.reduce(&state, "/-l team=red".map { .key(.char($0)) } + [.key(KeyEvent(.enter))])
    #expect(state.table.count == 1)
    #expect(state.table.selectedRow?.cells.contains("a") == true)
    _ = ConsoleReducer.reduce(&state, "/-l team in (".map { .key(.char($0)) } + [.key(KeyEvent(.enter))])
    #expect(state.flash?.text.contains("bad label selector") == true)
    #expect(state.table.count == 1)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.escape)))
    #expect(state.table.count == 2)
  }
}
