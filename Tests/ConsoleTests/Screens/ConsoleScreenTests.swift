import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// The console's main states drawn whole, at two terminal sizes, from one fixed cluster and
/// clock, and compared with the screens in `Screens/Expected` (rows, then the marked roles): a
/// change to any pane shows up as a line diff of the screen. `AICONSOLE_RECORD_SCREENS=1`
/// rewrites the files (and fails, so that the change is reviewed).
@Suite("Console screens: whole screens from a fixed cluster and clock")
struct ConsoleScreenTests {
  @Test("the AI list, the InferenceService with a canary selected, beside its detail", arguments: ScreenSize.allCases)
  func listWithDetail(size: ScreenSize) throws {
    var screen = try ScreenFixture(size)
    screen.select("InferenceService", "chat")
    screen.deliverLogs()
    ScreenSnapshot(screen.state).expect(matches: "list-detail-\(size.rawValue)")
  }

  @Test("the metrics pane zoomed, the selection's model and GPUs first", arguments: ScreenSize.allCases)
  func metrics(size: ScreenSize) throws {
    var screen = try ScreenFixture(size)
    screen.select("InferenceService", "chat")
    screen.deliverLogs()
    screen.press(KeyEvent(.tab), KeyEvent(.tab), .char("z"))
    #expect(screen.state.zoom == .metrics)
    ScreenSnapshot(screen.state).expect(matches: "metrics-\(size.rawValue)")
  }

  @Test(
    "the logs pane focused on a pool: its pods' lines among the controller's and gateway's",
    arguments: ScreenSize.allCases)
  func logs(size: ScreenSize) throws {
    var screen = try ScreenFixture(size)
    screen.select("AICluster", "embeddings")
    screen.deliverLogs()
    screen.press(.char("l"))
    #expect(screen.state.focus == .logs)
    ScreenSnapshot(screen.state).expect(matches: "logs-\(size.rawValue)")
  }

  @Test("the rollback picker of a pool upgraded once, the previous revision chosen", arguments: ScreenSize.allCases)
  func rollbackPicker(size: ScreenSize) throws {
    var screen = try ScreenFixture(size)
    screen.select("AICluster", "embeddings")
    screen.deliverLogs()
    screen.press(.char("r"))
    ScreenSnapshot(screen.state).expect(matches: "rollback-\(size.rawValue)")
  }

  @Test("the route form reopened with the server's refusal beside the weight it names", arguments: ScreenSize.allCases)
  func routeFormFieldError(size: ScreenSize) throws {
    var screen = try ScreenFixture(size)
    screen.select("AIModelRoute", "summarize")
    screen.deliverLogs()
    // A second backend, the empty row's, with a weight the schema allows up to 100.
    screen.press(.char("e"), KeyEvent(.tab), KeyEvent(.tab))
    screen.type("chat")
    screen.press(KeyEvent(.tab))
    screen.type("250")
    screen.press(KeyEvent(.enter))
    guard case .operate(let id, .editRoute(_, let edited))? = screen.effects.last else {
      Issue.record("enter sent no route edit: \(screen.effects)")
      return
    }
    #expect(
      edited[path: ["spec", "backends"]] == [
        ["service": "summarize", "weight": 100], ["service": "chat", "weight": 250],
      ])
    screen.send([.operationFinished(id: id, changeID: nil, failure: OperationError(Self.weightRefusal))])
    ScreenSnapshot(screen.state).expect(matches: "route-form-error-\(size.rawValue)")
  }

  @Test("read-only: the header's badge, and a mutating key refused in the status bar", arguments: ScreenSize.allCases)
  func readOnly(size: ScreenSize) throws {
    var screen = try ScreenFixture(size, readOnly: true)
    screen.select("InferenceService", "chat")
    screen.deliverLogs()
    screen.press(.char("s"))
    #expect(screen.effects.allSatisfy { if case .operate = $0 { false } else { true } })
    ScreenSnapshot(screen.state).expect(matches: "read-only-\(size.rawValue)")
  }

  /// The 422 kube-apiserver answers for a backend weight over the schema's maximum: the
  /// message and cause as its structural-schema validation writes them
  /// (reference: `invalid-422.json`).
  static let weightRefusal = KubeError(
    status: StatusError(
      code: 422, reason: "Invalid",
      message:
        "AIModelRoute.ai.aiconsole.dev \"summarize\" is invalid: spec.backends[1].weight: Invalid value: 250: "
        + "spec.backends[1].weight in body should be less than or equal to 100",
      details: [
        "name": "summarize", "group": "ai.aiconsole.dev", "kind": "AIModelRoute",
        "causes": [
          [
            "reason": "FieldValueInvalid",
            "message": "Invalid value: 250: spec.backends[1].weight in body should be less than or equal to 100",
            "field": "spec.backends[1].weight",
          ]
        ],
      ]))
}
