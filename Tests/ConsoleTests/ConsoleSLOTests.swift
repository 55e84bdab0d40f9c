import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// The SLOs of AIApplications in the header and in the application's detail.
@Suite("Console SLO header and detail")
struct ConsoleSLOTests {
  typealias F = ConsoleFixtures
  static let applications = F.ours("AIApplication", "aiapplications", short: "aiapp")

  static func rate(_ window: String, _ rate: Double?, _ data: String = "Full") -> JSONValue {
    ["window": .string(window), "rate": rate.map { .double($0) } ?? .null, "data": .string(data), "requests": 100]
  }

  /// An application with an error-rate and a latency target, the error rate burning as `alert` says.
  static func application(
    _ name: String, alert: String = "Page", errorRate: Double = 14.2, budget: Double = 0.634,
    breached: Bool? = nil
  ) -> JSONValue {
    let burning = alert != "None"
    let errorTarget: JSONValue = [
      "name": "errorRatePercent", "objective": 0.99, "current": .double(errorRate / 10),
      "errorBudgetRemaining": .double(budget), "alert": .string(alert),
      "burnRates": [
        rate("5m", errorRate + 1), rate("30m", 9), rate("1h", errorRate), rate("6h", 2.5, "Partial"),
        rate("3d", nil, "None"),
      ],
    ]
    let latencyTarget: JSONValue = [
      "name": "latencyP99Millis", "objective": 0.99, "current": 212.5, "errorBudgetRemaining": 0.98,
      "alert": "None", "burnRates": [rate("5m", 0.2), rate("30m", 0.1), rate("1h", 0.1), rate("6h", 0.1)],
    ]
    return [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIApplication",
      "metadata": [
        "name": .string(name), "namespace": "demo", "uid": .string("uid-\(name)"), "resourceVersion": "3",
        "creationTimestamp": .string(F.created),
      ],
      "spec": [
        "services": [["name": "assistant"]], "monitoring": ["latencyP99Millis": 500, "errorRatePercent": 1],
      ],
      "status": [
        "health": .string(burning ? "Degraded" : "Healthy"),
        "conditions": [
          [
            "type": "SLOBreached", "status": .string((breached ?? burning) ? "True" : "False"),
            "reason": "BurnRate", "message": "",
          ]
        ],
        // The latency target comes first from the controller; the burning one must be listed first.
        "slo": ["window": "30d", "observed": "2h", "targets": [latencyTarget, errorTarget]],
      ],
    ]
  }

  static func state(_ objects: [JSONValue], width: Int = 160) -> ConsoleState {
    var state = F.state(kinds: [F.inferenceService, applications])
    state.size = .init(width: width, height: 30)
    _ = ConsoleReducer.reduce(&state, objects.map { .object(applications, .added($0)) })
    return state
  }

  /// The header's second line at `width`.
  static func statusLine(_ objects: [JSONValue], width: Int) -> String {
    let lines = render(state(objects, width: width)).split(separator: "\n", omittingEmptySubsequences: false)
    return String(lines[1]).trimmingCharacters(in: .whitespaces)
  }

  @Test("a page, a ticket and a healthy application: burning first, the worst named with its rate and budget")
  func headerOrder() {
    let objects = [
      Self.application("support-desk", alert: "Ticket", errorRate: 7.5, budget: 0.8),
      Self.application("quiet", alert: "None", errorRate: 0.2, budget: 0.99),
      Self.application("assistant", alert: "Page", errorRate: 14.2, budget: 0.634),
    ]
    let line = Self.statusLine(objects, width: 160)
    #expect(line.hasSuffix("SLO 2 burning: demo/assistant errorRate 14.2× · budget 63%, +1 more · 1 ok"))
    #expect(line.hasPrefix("synced  ·"))
  }

  @Test(
    "narrower headers say less, and a burning SLO goes before the counts when it no longer fits after them",
    arguments: [
      (
        160,
        "● 1 healthy  ◐ 1 progressing  ✖ 0 failing  ○ 0 unknown  SLO 1 burning: demo/support-desk errorRate 14.2× · budget 63% · 1 ok"
      ),
      (120, "● 1 healthy  ◐ 1 progressing  SLO 1 burning: demo/support-desk errorRate 14.2× · budget 63% · 1 ok"),
      (90, "● 1 healthy  ◐ 1 progressing  SLO 1 burning: support-desk 14.2× · budget 63%"),
      (60, "synced  ·  ● 1 healthy  ◐ 1 progressing  SLO 1 burning"),
      (50, "synced  ·  SLO 1 burning: support-desk 14.2×"),
      (40, "synced  ·  SLO 1 burning  ·  ● 1 health"),
    ])
  func headerNarrow(width: Int, expected: String) {
    let objects = [Self.application("support-desk"), Self.application("quiet", alert: "None", budget: 0.99)]
    let line = Self.statusLine(objects, width: width)
    #expect(line.contains(expected), "\(width): \(line)")
    #expect(DisplayWidth.of(line) <= width)
  }

  @Test("nothing burning says how many applications are within their objectives; none measured says nothing")
  func headerHealthy() {
    #expect(Self.statusLine([Self.application("quiet", alert: "None")], width: 160).hasSuffix("SLO 1 ok"))
    var unmeasured = Self.application("new")
    unmeasured.set(nil, at: ["status", "slo"])
    #expect(!Self.statusLine([unmeasured], width: 160).contains("SLO"))
  }

  @Test("SLOBreached True counts as burning even when no target's alert fires")
  func breachedCondition() {
    let report = SLOReport(Self.application("x", alert: "None", breached: true))
    #expect(report?.burning == true)
    #expect(SLOHeadline([report!])?.variants.last == "SLO 1 burning")
  }

  @Test("the detail lists one line per target, burning first, with each window's rate and partial ones marked")
  func detailSection() {
    let object = Self.application("support-desk")
    let context = DetailContext(
      object: object, resource: Self.applications, related: ["AIApplication": [object]], now: F.now)
    let lines = screen(110, 30) { buffer, area in
      DetailPane(model: DetailModel(context)).render(into: &buffer, area: area, scroll: DetailScroll(), theme: .plain)
    }.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    let start = lines.firstIndex { $0.hasPrefix("─ SLO · 1 burning ") }
    #expect(start != nil, "\(lines.joined(separator: "\n"))")
    guard let start else { return }
    #expect(
      Array(lines[(start + 1)...(start + 4)]) == [
        "TARGET     ALERT      NOW BUDGET    5M  30M    1H    6H  3D OBJECTIVE",
        "errorRate  Page      1.4%    63% 15.2× 9.0× 14.2× 2.5×*   - errors ≤ 1%",
        "latencyP99 None   212.5ms    98%  0.2× 0.1×  0.1×  0.1×   - p99 ≤ 500ms",
        "* partial: the metrics cover only part of the window",
      ])
  }

  @Test("an application without status.slo has no SLO section")
  func detailWithoutSLO() {
    var object = Self.application("new")
    object.set(nil, at: ["status", "slo"])
    let context = DetailContext(object: object, resource: Self.applications, related: [:], now: F.now)
    #expect(DetailPane(model: DetailModel(context)).sloBlocks.isEmpty)
  }
}
