import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Synchronization
import Testing
import Views

@testable import ConsoleApp

/// `:ctx`: the picker and the direct switch in the reducer, the state a switch leaves, and the
/// runtime's guarantee that nothing of the old connection reaches the new state: its events are
/// dropped by the inbox, its operations are never run against the new cluster.
@Suite("Console contexts")
struct ConsoleContextTests {
  typealias F = ConsoleFixtures

  static let alpha = ConsoleContext(name: "alpha", cluster: "a", server: "https://alpha.example:6443")
  static let beta = ConsoleContext(
    name: "beta", cluster: "b", server: "https://beta.example:6443", namespace: "team-b")
  static let orphan = ConsoleContext(name: "orphan", cluster: "gone", server: nil)
  static let betaWorld = ConsoleState.World(
    context: "beta", server: "https://beta.example:6443", embedded: false, readOnly: false)

  /// A state on context alpha, knowing the three contexts, with one AICluster listed and selected.
  func onAlpha() -> ConsoleState {
    var state = F.state()
    state.world = .init(context: "alpha", server: "https://alpha.example:6443", embedded: false, readOnly: false)
    _ = ConsoleReducer.reduce(
      &state,
      [
        .contexts(ConsoleContexts(entries: [Self.alpha, Self.beta, Self.orphan])),
        .object(F.aiCluster, .added(F.cluster("alpha-only-llama"))),
      ])
    return state
  }

  func type(_ text: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
    ConsoleReducer.reduce(&state, [.key(.char(":"))] + text.map { .key(.char($0)) } + [.key(KeyEvent(.enter))])
  }

  @Test("`:ctx` opens a picker of the contexts, the current one marked and preselected; enter switches")
  func picker() {
    var state = onAlpha()
    #expect(type("ctx", &state) == [.readContexts])
    #expect(state.mode.name == .contexts)
    var screen = render(state)
    #expect(screen.contains("Contexts"))
    #expect(screen.contains("* alpha"), "the current context is not marked:\n\(screen)")
    #expect(screen.contains("https://beta.example:6443"))
    #expect(screen.contains("team-b"))
    #expect(screen.contains("(undefined)"), "a context without a cluster is not said to be one:\n\(screen)")
    #expect(state.mode.contextPicker?.entry == Self.alpha)
    // A fresh reading of the kubeconfig keeps the cursor on the same name.
    _ = ConsoleReducer.reduce(&state, .key(.char("j")))
    _ = ConsoleReducer.reduce(&state, .contexts(ConsoleContexts(entries: [Self.orphan, Self.alpha, Self.beta])))
    #expect(state.mode.contextPicker?.entry == Self.beta)
    screen = render(state)
    #expect(screen.contains("enter switch to the selected context"))
    #expect(ConsoleReducer.reduce(&state, .key(KeyEvent(.enter))) == [.switchContext(Self.beta)])
    #expect(state.mode.name == .normal)
    #expect(render(state).contains("switching to context beta…"))
  }

  @Test("esc closes the picker; enter on the current context or one without a cluster sends nothing")
  func pickerRefusals() {
    var state = onAlpha()
    _ = type("ctx", &state)
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.escape)))
    #expect(state.mode.name == .normal)
    _ = type("ctx", &state)
    #expect(ConsoleReducer.reduce(&state, .key(KeyEvent(.enter))).isEmpty)
    #expect(render(state).contains("already on context alpha"))
    _ = type("ctx", &state)
    _ = ConsoleReducer.reduce(&state, [.key(.char("G")), .key(.char("j"))])
    #expect(state.mode.contextPicker?.entry == Self.orphan)
    #expect(ConsoleReducer.reduce(&state, .key(KeyEvent(.enter))).isEmpty)
    #expect(render(state).contains("context orphan names cluster 'gone', which the kubeconfig does not define"))
  }

  @Test("`:ctx NAME` switches directly; an unknown name is refused naming the contexts there are")
  func direct() {
    var state = onAlpha()
    #expect(type("ctx beta", &state) == [.switchContext(Self.beta)])
    #expect(type("context nope", &state).isEmpty)
    #expect(render(state).contains("no context 'nope' in the kubeconfig (contexts: alpha, beta, orphan)"))
    // When the kubeconfig could not be read, the refusal says why.
    _ = ConsoleReducer.reduce(&state, .contexts(ConsoleContexts(problem: "kubeconfig /k: contexts[1].name: duplicate")))
    #expect(type("ctx beta", &state).isEmpty)
    #expect(render(state).contains("no context 'beta' in the kubeconfig; kubeconfig /k: contexts[1].name: duplicate"))
  }

  @Test("tab after `:ctx ` completes a context's name")
  func completion() {
    var state = onAlpha()
    _ = ConsoleReducer.reduce(&state, [.key(.char(":"))] + "ctx b".map { .key(.char($0)) } + [.key(KeyEvent(.tab))])
    #expect(state.mode.prompt?.text == "ctx beta")
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.escape)))
    _ = ConsoleReducer.reduce(&state, [.key(.char(":"))] + "ct".map { .key(.char($0)) } + [.key(KeyEvent(.tab))])
    #expect(state.mode.prompt?.text.hasPrefix("ctx") == true)
  }

  @Test("a switch drops everything of the old cluster and keeps the operator's own settings")
  func switchResetsTheClusterState() {
    var state = onAlpha()
    state.split = 0.65
    _ = ConsoleReducer.reduce(&state, [.key(.char("s")), .key(KeyEvent(.backspace)), .key(.char("5"))])
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.enter)))
    #expect(state.activity.count == 1)
    _ = type("ns demo", &state)
    // A question about the old cluster's object is open when the switch lands.
    _ = ConsoleReducer.reduce(&state, .key(.char("P")))
    #expect(state.mode.name == .confirm)
    let history = state.promptHistory
    let nextID = state.nextActivityID

    _ = ConsoleReducer.reduce(&state, .contextSwitched(Self.betaWorld))
    #expect(state.world == Self.betaWorld)
    #expect(state.store.count == 0)
    #expect(state.table.count == 0)
    #expect(state.detail == nil)
    #expect(state.activity.isEmpty)
    #expect(state.namespace == nil)
    #expect(state.mode.name == .normal)
    #expect(state.followedSources.isEmpty)
    // Kept: the split, the prompt history, the contexts, and the activity ids (never reused).
    #expect(state.split == 0.65)
    #expect(state.promptHistory == history)
    #expect(state.contexts.entries.count == 3)
    #expect(state.nextActivityID == nextID)
    let screen = render(state)
    #expect(screen.contains("context beta · https://beta.example:6443"), "the header names the old context:\n\(screen)")
    #expect(!screen.contains("alpha-only-llama"), "an object of the old cluster shows:\n\(screen)")
    #expect(!screen.contains("scale AICluster"), "the old cluster's activity shows:\n\(screen)")
    // The answer to the old cluster's operation matches nothing now.
    _ = ConsoleReducer.reduce(&state, .operationFinished(id: 1, changeID: "c-1", failure: nil))
    #expect(state.activity.isEmpty)
    // The new cluster's objects arrive as on a first start.
    _ = ConsoleReducer.reduce(
      &state,
      [
        .kinds([F.aiCluster]), .object(F.aiCluster, .added(F.cluster("beta-llama"))),
        .object(F.aiCluster, .state(.synced)),
      ])
    #expect(render(state).contains("beta-llama"))
  }

  @Test("a context whose server is down from the start shows the banner, and ctrl-r retries it")
  func unreachableFromTheStart() {
    var state = onAlpha()
    _ = ConsoleReducer.reduce(&state, .contextSwitched(Self.betaWorld))
    #expect(ConsoleState.Header(state).connection == "connecting")
    // Discovery failed, so no AI kind is known; the feeds around them lost the server.
    let down = SyncState.disconnected(
      since: F.now, retryAt: F.now.addingTimeInterval(4),
      reason: "cannot reach https://beta.example:6443: connection refused")
    _ = ConsoleReducer.reduce(&state, [.related(.definitions, .state(down)), .related(.pods, .state(down))])
    let screen = render(state)
    #expect(screen.contains("API server unreachable"), "no banner for the new context:\n\(screen)")
    #expect(screen.contains("cannot reach https://beta.example:6443"))
    #expect(ConsoleReducer.reduce(&state, .key(.ctrl("r"))) == [.reconnectNow])
  }

  @Test("a refused switch leaves the console where it is and says why")
  func refused() {
    var state = onAlpha()
    _ = ConsoleReducer.reduce(
      &state, .contextRefused(name: "beta", reason: "kubeconfig /k: users[name=u].user.token: …"))
    #expect(state.world.context == "alpha")
    #expect(render(state).contains("alpha-only-llama"))
    #expect(render(state).contains("cannot switch to context beta: kubeconfig /k"))
  }

  // MARK: The runtime

  @Test("the inbox drops what the old connection queued and refuses what it posts after the switch")
  func inboxGenerations() {
    let inbox = ConsoleInbox()
    let old = inbox.connection(0)
    old.post(.object(F.aiCluster, .added(F.cluster("queued-before"))))
    inbox.post(.failed("the UI's own event"))
    #expect(inbox.currentGeneration == 0)
    inbox.beginGeneration(1, announcing: .contextSwitched(Self.betaWorld))
    old.post(.object(F.aiCluster, .added(F.cluster("late-answer"))))
    old.post(.log(LogRecord(source: LogSource(namespace: "demo", pod: "p"), timestamp: nil, text: "late")))
    inbox.connection(1).post(.object(F.aiCluster, .added(F.cluster("beta-llama"))))
    let (events, generation) = inbox.drainBatch()
    #expect(generation == 1)
    let described = events.map(Self.describe)
    #expect(described == ["failed", "switched beta", "object beta-llama"])
  }

  static func describe(_ event: ConsoleEvent) -> String {
    switch event {
    case .failed: "failed"
    case .contextSwitched(let world): "switched \(world.context)"
    case .object(_, let change): "object \(change.object?[path: ["metadata", "name"]]?.stringValue ?? "")"
    default: "\(event)"
    }
  }

  /// How long a connection may take to start or stop: the conditions usually hold within
  /// milliseconds, but in the full parallel run on two cores the cooperative pool's two threads
  /// were seen busy for more than ten seconds at a time.
  static let patience: Duration = .seconds(60)

  /// What the fake connections of `connections()` saw.
  final class Recorder: Sendable {
    struct Seen {
      var started: [String] = []
      var stopped: [String] = []
      var operations: [(context: String, id: Int)] = []
    }
    let seen = Mutex(Seen())
  }

  /// A driver whose connections record their start, their operations and their end.
  static func driver(_ recorder: Recorder, refuse: Set<String> = []) -> ConsoleConnections.Driver {
    ConsoleConnections.Driver(
      connect: { target, inbox, requests in
        guard case .cluster(let configuration) = target else { return }
        let name = configuration.contextName
        recorder.seen.withLock { $0.started.append(name) }
        inbox.post(.object(F.aiCluster, .added(F.cluster("\(name)-object"))))
        for await request in requests.operations {
          recorder.seen.withLock { $0.operations.append((name, request.id)) }
        }
        recorder.seen.withLock { $0.stopped.append(name) }
      },
      resolve: { context in
        if refuse.contains(context.name) { throw KubeconfigError(file: "/k", reason: "unusable") }
        let configuration = ClusterConfiguration(
          server: context.server ?? "", contextName: context.name, namespace: "default", source: "/k")
        return (
          .cluster(configuration),
          .init(context: context.name, server: context.server ?? "", embedded: false, readOnly: false)
        )
      },
      contexts: { ConsoleContexts(entries: [alpha, beta]) })
  }

  static func first() -> ConsoleLaunch.Target {
    .cluster(
      ClusterConfiguration(
        server: "https://alpha.example:6443", contextName: "alpha", namespace: "default", source: "/k"))
  }

  @Test("a switch stops the old connection, starts the new one, and never runs an old operation on it")
  func connectionsSwitch() async throws {
    let recorder = Recorder()
    let inbox = ConsoleInbox()
    let connections = ConsoleConnections(inbox: inbox)
    let running = Task { await connections.run(first: Self.first(), Self.driver(recorder)) }
    #expect(await Polling.until(upTo: Self.patience) { recorder.seen.withLock { $0.started == ["alpha"] } })
    connections.perform(
      .operate(id: 1, .pause(ObjectIdentity(F.aiCluster, namespace: "demo", name: "x"), paused: true)), generation: 0)
    #expect(await Polling.until(upTo: Self.patience) { recorder.seen.withLock { $0.operations.count == 1 } })

    connections.perform(.switchContext(Self.beta), generation: 0)
    #expect(await Polling.until(upTo: Self.patience) { recorder.seen.withLock { $0.started == ["alpha", "beta"] } })
    #expect(await Polling.until(upTo: Self.patience) { recorder.seen.withLock { $0.stopped == ["alpha"] } })
    #expect(inbox.currentGeneration == 1)
    // Confirmed on the old cluster's state (generation 0), sent after the switch: dropped.
    connections.perform(
      .operate(id: 2, .delete(ObjectIdentity(F.aiCluster, namespace: "demo", name: "x"))), generation: 0)
    connections.perform(
      .operate(id: 3, .delete(ObjectIdentity(F.aiCluster, namespace: "demo", name: "y"))), generation: 1)
    #expect(await Polling.until(upTo: Self.patience) { recorder.seen.withLock { $0.operations.count == 2 } })
    let operations = recorder.seen.withLock { $0.operations.map { "\($0.context) \($0.id)" } }
    #expect(operations == ["alpha 1", "beta 3"])
    // What reached the screen: the contexts, alpha's object until the switch, then only beta's.
    let events = inbox.drain().map(Self.describe).filter { !$0.hasPrefix("contexts") }
    #expect(events.last == "object beta-object")
    #expect(events.firstIndex(of: "switched beta") == events.count - 2)
    running.cancel()
    await running.value
    #expect(recorder.seen.withLock { $0.stopped.sorted() } == ["alpha", "beta"])
  }

  @Test("a context whose entry cannot be used is refused and the connection stays")
  func connectionsRefuse() async throws {
    let recorder = Recorder()
    let inbox = ConsoleInbox()
    let connections = ConsoleConnections(inbox: inbox)
    let running = Task { await connections.run(first: Self.first(), Self.driver(recorder, refuse: ["beta"])) }
    #expect(await Polling.until(upTo: Self.patience) { recorder.seen.withLock { $0.started == ["alpha"] } })
    connections.perform(.switchContext(Self.beta), generation: 0)
    var seen: [String] = []
    #expect(
      await Polling.until(upTo: Self.patience) {
        seen += inbox.drain().map(Self.describe)
        return seen.contains { $0.hasPrefix("contextRefused") }
      })
    #expect(inbox.currentGeneration == 0)
    #expect(recorder.seen.withLock { $0.stopped.isEmpty && $0.started == ["alpha"] })
    running.cancel()
    await running.value
  }
}
