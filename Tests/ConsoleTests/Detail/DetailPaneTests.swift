import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

@Suite("DetailPane")
struct DetailPaneTests {
  typealias F = DetailFixtures

  /// The pane of `context` drawn at `width` x `height` from `top`, trailing blanks trimmed.
  static func draw(_ context: DetailContext, _ width: Int, _ height: Int, top: Int = 0) -> [String] {
    let pane = DetailPane(model: DetailModel(context))
    return screen(width, height) { buffer, area in
      pane.render(into: &buffer, area: area, scroll: DetailScroll(top: top), theme: .plain)
    }.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
  }

  @Test("an AICluster shows its summary, conditions, reconcile state and pods")
  func clusterTop() {
    #expect(
      Self.draw(F.clusterContext, 80, 26) == [
        "Kind:      AICluster (ai.aiconsole.dev/v1)",
        "Name:      default/llama-pool",
        "Age:       3h",
        "Labels:    app.kubernetes.io/part-of=chat",
        "Model:     llama-3-8b v1.0.0",
        "Image:     vllm/vllm-openai:v0.6.3",
        "Replicas:  3 desired · 1 ready",
        "Resources: cpu 4 · memory 32Gi · gpu 1",
        "Revision:  llama-pool-abc12",
        "─ Conditions ───────────────────────────────────────────────────────────────────",
        "TYPE        STATUS  REASON            AGE  MESSAGE",
        "Ready       False   InstancesNotReady 5m   1/3 instances ready",
        "Progressing True    InstancesStarting 5m   2 instance(s) starting",
        "Degraded    True    CrashLoopBackOff  2m   1 instance of model llama-3-8b keeps…",
        "─ Reconcile ────────────────────────────────────────────────────────────────────",
        "Sync:         in sync (generation 3)",
        "Last result:  Success",
        "Last run:     30s ago",
        "Duration:     12ms",
        "Reconcile ID: rec-1",
        "Change ID:    chg-1",
        "─ Instances 1/3 ready ──────────────────────────────────────────────────────────",
        "NAME                 PHASE   READY RESTARTS NODE       GPU AGE  REASON",
        "llama-pool-a         Running 1/1          0 gpu-node-1   1 10m",
        "llama-pool-b         Running 0/1          4 gpu-node-1   1 10m  CrashLoopBackOff",
        "llama-pool-c         Pending 0/1          0              1 10m  Unschedulable",
      ])
  }

  @Test("after a reconcile that acted on no change, the last change is shown with the reconcile that acted on it")
  func lastChangeKeptWithItsReconcile() {
    var cluster = F.cluster
    cluster.set(
      [
        "lastTime": F.ago(5), "durationMillis": 3, "result": "Success", "reconcileID": "rec-9", "changeID": nil,
        "lastChange": [
          "changeID": "chg-1", "generation": 3, "reconcileID": "rec-1", "result": "Success", "lastTime": F.ago(120),
        ],
      ], at: ["status", "reconcile"])
    let model = DetailModel(DetailContext(object: cluster, resource: F.resource("AICluster"), related: [:], now: F.now))
    let lines = DetailPane(model: model).reconcileBlocks.flatMap { block -> [String] in
      guard case .fields(let items) = block else { return [] }
      return items.map { "\($0.key): \($0.value)" }
    }
    #expect(lines.contains("Reconcile ID: rec-9"))
    #expect(!lines.contains { $0.hasPrefix("Change ID") })
    #expect(lines.contains("Last change: chg-1 · Success · reconcile rec-1 · 2m ago"))
  }

  @Test("scrolled down, it shows revisions with the current one marked, events and the owner tree")
  func clusterBottom() {
    let pane = DetailPane(model: DetailModel(F.clusterContext))
    #expect(pane.contentHeight == 39)
    #expect(
      Self.draw(F.clusterContext, 80, 14, top: 100) == [
        "llama-pool-c         Pending 0/1          0              1 10m  Unschedulable",
        "─ Revisions ────────────────────────────────────────────────────────────────────",
        "   REV NAME             HOLDS                                               AGE",
        "*    2 llama-pool-abc12 llama-3-8b v1.0.0                                   10m",
        "     1 llama-pool-old99 llama-3-8b v0.9.0                                   120m",
        "─ Events (2) ───────────────────────────────────────────────────────────────────",
        "TYPE    REASON            AGE              MESSAGE",
        "Warning BackOff           60s (x5 over 9m) back-off restarting failed container",
        "Normal  ScalingReplicaSet 10m              scaled up to 3 instances",
        "─ Owner tree ───────────────────────────────────────────────────────────────────",
        "▾ AICluster/llama-pool  InstancesNotReady",
        "├─  Pod/llama-pool-a  Running 1/1",
        "├─  Pod/llama-pool-b  CrashLoopBackOff 0/1",
        "└─  Pod/llama-pool-c  Unschedulable 0/1",
      ])
  }

  @Test("a block cut by the top edge shows only its visible rows")
  func partialBlock() {
    let lines = Self.draw(F.clusterContext, 80, 3, top: 11)
    #expect(
      lines == [
        "Ready       False   InstancesNotReady 5m   1/3 instances ready",
        "Progressing True    InstancesStarting 5m   2 instance(s) starting",
        "Degraded    True    CrashLoopBackOff  2m   1 instance of model llama-3-8b keeps…",
      ])
  }

  @Test("an InferenceService with a canary: pending reconcile, the error, and its pools and pods in the tree")
  func service() {
    let lines = Self.draw(F.serviceContext(), 70, 40)
    #expect(lines.contains("Canary:       llama-3-8b-v2 at 10% · 1 ready"))
    #expect(lines.contains("Sync:         pending reconcile (generation 5, observed 4)"))
    #expect(lines.contains("Last result:  Error"))
    #expect(lines.contains("Message:      ModelDeployment \"llama-3-8b-v2\" not found"))
    #expect(lines.contains("Next retry:   retrying (backoff)"))
    let tree = Array(lines.drop { !$0.hasPrefix("─ Owner tree") }.dropFirst().prefix(6))
    #expect(
      tree == [
        "▾ AIApplication/chat-assistant",
        "└─▾ InferenceService/chat  Ready",
        "  ├─▾ AICluster/chat  Ready",
        "  │ └─  Pod/chat-x1  Running 1/1",
        "  └─▾ AICluster/chat-canary  Ready",
        "    └─  Pod/chat-canary-y1  Running 1/1",
      ])
  }

  @Test("an unknown custom resource shows its spec fields and its conditions")
  func unknownKind() {
    let context = DetailContext(
      object: KServeFixture.object, resource: KServeFixture.resource, related: [:], now: F.now)
    #expect(
      Self.draw(context, 60, 12) == [
        "Kind:                          InferenceService (serving.ks…",
        "Name:                          kserve-test/sklearn-iris",
        "Age:                           <unknown>",
        "Labels:                        <none>",
        "predictor.model.modelFormat.…: sklearn",
        "predictor.model.storageUri:    gs://kfserving-examples/mode…",
        "predictor.minReplicas:         1",
        "─ Conditions ───────────────────────────────────────────────",
        "TYPE           STATUS  REASON          AGE  MESSAGE",
        "PredictorReady True                    60s",
        "Ready          False   RevisionMissing 60s  Configuration h…",
        "─ Reconcile ────────────────────────────────────────────────",
      ])
  }

  @Test("conditions are coloured by meaning in the default theme")
  func conditionColours() {
    let theme = Theme.default
    var buffer = ScreenBuffer(width: 80, height: 14)
    DetailPane(model: DetailModel(F.clusterContext))
      .render(into: &buffer, area: buffer.area, scroll: DetailScroll(), theme: theme)
    let style = { (row: Int) in buffer[x: 12, y: row].style }
    #expect(style(11) == theme[.text].patched(with: theme[.statusError]))  // Ready False
    #expect(style(12) == theme[.text].patched(with: theme[.statusWarn]))  // Progressing True
    #expect(style(13) == theme[.text].patched(with: theme[.statusError]))  // Degraded True
    #expect(theme[.statusError].foreground != theme[.statusWarn].foreground)
  }

  @Test(
    "tiny areas never crash",
    arguments: [(20, 3), (1, 1), (0, 0), (3, 40), (200, 1)])
  func tinyAreas(width: Int, height: Int) {
    for context in [F.clusterContext, F.serviceContext()] {
      for top in [0, 5, 10_000] {
        _ = Self.draw(context, width, height, top: top)
        _ = screen(width, height) { buffer, area in
          YAMLView(object: context.object, lineNumbers: true)
            .render(into: &buffer, area: area, scroll: DetailScroll(top: top, left: top), theme: .default)
          DescribeView(context: context).render(
            into: &buffer, area: area, scroll: DetailScroll(top: top), theme: .default)
        }
      }
    }
    let narrow = Self.draw(F.clusterContext, 20, 3)
    #expect(narrow == ["Kind:      AICluste…", "Name:      default/…", "Age:       3h"])
  }
}

@Suite("DetailScroll")
struct DetailScrollTests {
  @Test("keys move by a line, a page or to either end, kept inside the content")
  func keys() {
    var scroll = DetailScroll()
    let move = { (key: KeyEvent) in _ = scroll.handle(key, contentHeight: 50, viewport: 10) }
    move(.char("j"))
    #expect(scroll.top == 1)
    move(KeyEvent(.pageDown))
    #expect(scroll.top == 10)
    move(.char("G"))
    #expect(scroll.top == 40)
    move(KeyEvent(.down))
    #expect(scroll.top == 40)
    move(.char("g"))
    #expect(scroll.top == 0)
    move(KeyEvent(.up))
    #expect(scroll.top == 0)
    move(KeyEvent(.right))
    #expect(scroll.left == DetailScroll.horizontalStep)
    let handled = scroll.handle(.char("y"), contentHeight: 50, viewport: 10)
    #expect(!handled)
  }
}
