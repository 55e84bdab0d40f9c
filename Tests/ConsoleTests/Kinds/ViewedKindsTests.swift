import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// Any kind the server serves, listed from its Table informer: `:pods` resolves through
/// discovery, asks for an informer, fills the server's columns, keeps a few kinds warm, and the
/// owner and node of a Pod open with `o` and `n`, `esc` going back along the path.
@Suite("Viewed kinds")
struct ViewedKindsTests {
  typealias F = ConsoleFixtures

  static let pods = APIResource(
    group: "", version: "v1", name: "pods", singularName: "pod", kind: "Pod", namespaced: true,
    verbs: ["get", "list", "watch", "delete"], shortNames: ["po"])
  static let nodes = APIResource(
    group: "", version: "v1", name: "nodes", singularName: "node", kind: "Node", namespaced: false,
    verbs: ["get", "list", "watch"], shortNames: ["no"])
  static let namespaces = APIResource(
    group: "", version: "v1", name: "namespaces", singularName: "namespace", kind: "Namespace", namespaced: false,
    verbs: ["get", "list", "watch"], shortNames: ["ns"])
  static let others = ["configmaps", "secrets", "services", "serviceaccounts"].map {
    APIResource(
      group: "", version: "v1", name: $0, singularName: String($0.dropLast()), kind: $0.capitalized, namespaced: true,
      verbs: ["list", "watch"])
  }
  static let podColumns = [
    ServerTable.Column(name: "Name", type: "string", format: "name", priority: 0),
    ServerTable.Column(name: "Ready", type: "string", priority: 0),
    ServerTable.Column(name: "Status", type: "string", priority: 0),
    ServerTable.Column(name: "Restarts", type: "string", priority: 0),
    ServerTable.Column(name: "Age", type: "string", priority: 0),
    ServerTable.Column(name: "IP", type: "string", priority: 1),
  ]

  static func pod(_ name: String, node: String, owner: String) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": [
        "name": .string(name), "namespace": "demo", "creationTimestamp": .string(F.created),
        "ownerReferences": [
          [
            "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "name": .string(owner),
            "uid": .string("uid-\(owner)"), "controller": true,
          ]
        ],
      ],
      "spec": [
        "nodeName": .string(node),
        "containers": [["name": "vllm", "resources": ["limits": ["nvidia.com/gpu": "2"]]]],
      ],
      "status": [
        "phase": "Running", "podIP": "10.0.0.7",
        "containerStatuses": [
          ["name": "vllm", "ready": false, "restartCount": 4, "state": ["waiting": ["reason": "CrashLoopBackOff"]]]
        ],
      ],
    ]
  }

  func keys(_ text: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
    ConsoleReducer.reduce(&state, text.map { .key(.char($0)) } + [.key(KeyEvent(.enter))])
  }

  func stateWithCatalog() -> ConsoleState {
    var state = F.state()
    let catalog = APIResourceCatalog(resources: [Self.pods, Self.nodes, Self.namespaces] + Self.others)
    _ = ConsoleReducer.reduce(&state, [.catalog(catalog), .object(F.aiCluster, .added(F.cluster("assistant")))])
    return state
  }

  @Test("`:po` resolves through discovery, starts one informer and shows the server's cells with node and GPUs")
  func podsFromTheServersTable() {
    var state = stateWithCatalog()
    let effects = keys(":po", &state)
    #expect(effects.contains(.watchKinds([Self.pods])))
    #expect(render(state).contains("loading…"))
    let cells: [JSONValue] = ["assistant-0", "0/1", "CrashLoopBackOff", "4 (1m ago)", "5m", "10.0.0.7"]
    _ = ConsoleReducer.reduce(
      &state,
      [
        .viewed(Self.pods, .columns(Self.podColumns)),
        .viewed(
          Self.pods, .change(.added(Self.pod("assistant-0", node: "gpu-node-1", owner: "assistant")), cells: cells)),
        .viewed(Self.pods, .change(.state(.synced), cells: [])),
      ])
    let text = render(state)
    for expected in [
      "Pod (po)", "READY", "STATUS", "RESTARTS", "NODE", "GPU", "CrashLoopBackOff", "4 (1m ago)", "gpu-node-1",
    ] {
      #expect(text.contains(expected), "\(expected)")
    }
    #expect(state.table.selectedRow?.cells.first == Health.failing.glyph)
  }

  @Test("a kind switch back shows rows from cache at once; only the four latest kinds stay watched")
  func warmKinds() {
    var state = stateWithCatalog()
    _ = keys(":pods", &state)
    _ = ConsoleReducer.reduce(
      &state,
      .viewed(Self.pods, .change(.added(Self.pod("p", node: "n", owner: "assistant")), cells: [])))
    for kind in Self.others.prefix(3) { _ = keys(":\(kind.name)", &state) }
    #expect(state.store.viewed.count == 4)
    _ = keys(":pods", &state)
    #expect(state.table.count == 1, "pods were kept warm")
    let effects = keys(":\(Self.others[3].name)", &state)
    #expect(effects.contains(.watchKinds([Self.others[3], Self.pods, Self.others[2], Self.others[1]])))
    #expect(state.store.objects(of: Self.others[0]).isEmpty)
  }

  @Test("`o` opens a Pod's owner and `n` its node; esc goes back along the path with the title as breadcrumbs")
  func ownerAndNode() {
    var state = stateWithCatalog()
    _ = keys(":pods", &state)
    _ = ConsoleReducer.reduce(
      &state,
      [
        .viewed(Self.pods, .columns(Self.podColumns)),
        .viewed(Self.pods, .change(.added(Self.pod("assistant-0", node: "gpu-node-1", owner: "assistant")), cells: [])),
      ])
    _ = ConsoleReducer.reduce(&state, .key(.char("o")))
    #expect(state.listing == .kind(F.aiCluster))
    #expect(state.table.selectedID?.name == "assistant")
    #expect(render(state).contains("Pod/assistant-0 › AICluster (aic)"))
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.escape)))
    #expect(state.listing == .kind(Self.pods))
    #expect(state.table.selectedID?.name == "assistant-0")
    let effects = ConsoleReducer.reduce(&state, .key(.char("n")))
    #expect(effects.contains(.watchKinds([Self.nodes, Self.pods])))
    let node: JSONValue = [
      "apiVersion": "v1", "kind": "Node",
      "metadata": ["name": "gpu-node-1", "labels": ["nvidia.com/gpu.product": "H100"]],
      "status": ["allocatable": ["nvidia.com/gpu": "8"]],
    ]
    _ = ConsoleReducer.reduce(&state, .viewed(Self.nodes, .change(.added(node), cells: [])))
    #expect(state.table.selectedID?.name == "gpu-node-1")
    let text = render(state)
    #expect(text.contains("GPUS") && text.contains("H100"))
    _ = ConsoleReducer.reduce(&state, .key(KeyEvent(.escape)))
    #expect(state.table.selectedID?.name == "assistant-0")
  }

  @Test("enter in the detail opens the owner tree; enter on a Pod there opens the Pod")
  func ownerTreeOpensAPod() {
    var state = stateWithCatalog()
    _ = ConsoleReducer.reduce(
      &state, .related(.pods, .added(Self.pod("assistant-0", node: "gpu-node-1", owner: "assistant"))))
    _ = keys(":aic", &state)
    _ = ConsoleReducer.reduce(&state, [.key(KeyEvent(.enter)), .key(KeyEvent(.enter))])
    guard case .ownerTree(let picker) = state.mode else {
      Issue.record("no owner tree: \(state.mode.name)")
      return
    }
    #expect(picker.value?.name == "assistant")
    #expect(render(state).contains("Pod/assistant-0"))
    let effects = ConsoleReducer.reduce(&state, [.key(.char("j")), .key(KeyEvent(.enter))])
    #expect(effects.contains(.watchKinds([Self.pods])))
    _ = ConsoleReducer.reduce(
      &state,
      .viewed(Self.pods, .change(.added(Self.pod("assistant-0", node: "gpu-node-1", owner: "assistant")), cells: [])))
    #expect(state.listing == .kind(Self.pods))
    #expect(state.table.selectedID?.name == "assistant-0")
  }

  @Test("a Secret's YAML hides its values until x decodes them; x again hides them")
  func secretValues() {
    var state = stateWithCatalog()
    let secrets = Self.others[1]
    _ = keys(":secrets", &state)
    let secret: JSONValue = [
      "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "api-key", "namespace": "demo"],
      "data": ["token": .string(Data("s3cr3t-value".utf8).base64EncodedString())],
    ]
    _ = ConsoleReducer.reduce(&state, .viewed(secrets, .change(.added(secret), cells: [])))
    _ = ConsoleReducer.reduce(&state, .key(.char("y")))
    var text = render(state)
    #expect(text.contains("<hidden: 12 bytes>"))
    #expect(!text.contains("s3cr3t-value"))
    _ = ConsoleReducer.reduce(&state, .key(.char("x")))
    text = render(state)
    #expect(text.contains("token: s3cr3t-value"))
    _ = ConsoleReducer.reduce(&state, .key(.char("x")))
    #expect(!render(state).contains("s3cr3t-value"))
  }

  @Test("words after a kind filter its list; ctrl-d on a Pod asks to delete it")
  func filterAndDelete() {
    var state = stateWithCatalog()
    _ = keys(":po assistant", &state)
    for name in ["assistant-0", "support-0"] {
      _ = ConsoleReducer.reduce(
        &state, .viewed(Self.pods, .change(.added(Self.pod(name, node: "n", owner: "x")), cells: [])))
    }
    #expect(state.table.count == 1)
    #expect(state.table.selectedID?.name == "assistant-0")
    _ = ConsoleReducer.reduce(&state, .key(.ctrl("d")))
    #expect(state.mode.name == .confirm)
    let effects = ConsoleReducer.reduce(&state, .key(.char("y")))
    #expect(
      effects.contains { if case .operate(_, .delete(let ref)) = $0 { ref.name == "assistant-0" } else { false } })
  }

  @Test("`:ns` alone lists the Namespaces, `:ns NAME` still picks one; a command drops the breadcrumbs")
  func namespacesAndNewPaths() {
    var state = stateWithCatalog()
    #expect(keys(":ns", &state).contains(.watchKinds([Self.namespaces])))
    #expect(state.listing == .kind(Self.namespaces))
    _ = keys(":ns demo", &state)
    #expect(state.namespace == "demo")
    _ = keys(":pods", &state)
    _ = ConsoleReducer.reduce(
      &state, .viewed(Self.pods, .change(.added(Self.pod("assistant-0", node: "n", owner: "assistant")), cells: [])))
    _ = ConsoleReducer.reduce(&state, .key(.char("o")))
    #expect(state.trail.count == 1)
    _ = keys(":configmaps", &state)
    #expect(state.trail.isEmpty)
    #expect(!render(state).contains("›"))
  }

  @Test("the pages an evicted kind held can go back to the system: glibc's malloc_trim is found and run")
  func freedMemoryIsReturned() {
    #if os(Linux)
      #expect(ConsoleFeeds.returnFreedMemory())
    #endif
  }
}
