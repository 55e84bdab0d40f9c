import AIResources
import Foundation
import KubeCore

/// An AIApplication's `status.slo` as the console shows it, in the header and in its detail: its
/// targets with the burning ones first, and whether the application burns its budget at all (an
/// alert fires on a target, or the `SLOBreached` condition is True).
struct SLOReport: Hashable, Sendable {
  typealias Alert = AIApplication.Status.Target.Alert
  typealias BurnRate = AIApplication.Status.BurnRate

  /// One objective and where it stands.
  struct Target: Hashable, Sendable {
    /// The `spec.monitoring` field (`errorRatePercent`, `latencyP99Millis`).
    var field: String
    /// What the objective allows, from the spec: `errors ≤ 1%`, `p99 ≤ 500ms`.
    var objective: String
    /// The measured value: `14.2%`, `812ms`; nil before any request.
    var current: String?
    /// The budget left over the window, a fraction (1 untouched, below 0 overspent).
    var budget: Double?
    /// The burn rate of each alerting window, in the controller's order.
    var rates: [BurnRate]
    var alert: Alert

    /// Whether a burn-rate rule fires.
    var burning: Bool { alert != .none }

    /// The short name the header uses: `errorRate`, `latencyP99`.
    var shortName: String {
      switch field {
      case "errorRatePercent": "errorRate"
      case "latencyP99Millis": "latencyP99"
      default: field
      }
    }

    /// The rate to quote: the long window of the rule that fires (1h for a page, 6h for a
    /// ticket, as the workbook's pairs go), else the highest rate over the short windows.
    var headlineRate: Double? {
      let window: String? =
        switch alert {
        case .page: "1h"
        case .ticket: "6h"
        case .none: nil
        }
      if let window, let rate = rates.first(where: { $0.window == window })?.rate { return rate }
      return rates.filter { ["5m", "30m", "1h"].contains($0.window) }.compactMap(\.rate).max()
    }
  }

  /// `namespace/name` of the application.
  var application: String
  /// The `SLOBreached` condition is True.
  var breached: Bool
  /// The targets, burning first (pages before tickets), then in the controller's order.
  var targets: [Target]

  /// Whether the application burns its error budget.
  var burning: Bool { breached || targets.contains(where: \.burning) }

  /// The report of `object`; nil when it has no `status.slo` targets (no objective set, or the
  /// controller has not measured them yet).
  init?(_ object: JSONValue) {
    guard let status = object["status"], let sloValue = status["slo"],
      let slo = try? JSONValueDecoder().decode(AIApplication.Status.SLO.self, from: sloValue),
      let targets = slo.targets, !targets.isEmpty
    else { return nil }
    let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
    let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
    application = namespace.isEmpty ? name : "\(namespace)/\(name)"
    breached =
      status["conditions"]?.arrayValue?.contains {
        $0["type"]?.stringValue == "SLOBreached" && $0["status"]?.stringValue == "True"
      } ?? false
    let monitoring = object[path: ["spec", "monitoring"]] ?? .emptyObject
    let rank: [Alert: Int] = [.page: 0, .ticket: 1, .none: 2]
    self.targets = targets.enumerated()
      .map { (index: $0.offset, target: Self.target($0.element, monitoring)) }
      .sorted { (rank[$0.target.alert] ?? 2, $0.index) < (rank[$1.target.alert] ?? 2, $1.index) }
      .map(\.target)
  }

  private static func target(_ target: AIApplication.Status.Target, _ monitoring: JSONValue) -> Target {
    let limit = monitoring[target.name].flatMap { $0.doubleValue }.map(number)
    let objective: String
    let current: String?
    switch target.name {
    case "errorRatePercent":
      objective = limit.map { "errors ≤ \($0)%" } ?? fraction(target.objective)
      current = target.current.map { "\(number($0))%" }
    case "latencyP99Millis":
      objective = limit.map { "p99 ≤ \($0)ms" } ?? fraction(target.objective)
      current = target.current.map { "\(number($0))ms" }
    default:
      objective = fraction(target.objective)
      current = target.current.map(number)
    }
    return Target(
      field: target.name, objective: objective, current: current, budget: target.errorBudgetRemaining,
      rates: target.burnRates ?? [], alert: target.alert ?? .none)
  }

  /// The reports of `applications`, burning ones first (by their worst target), then by name.
  static func all(_ applications: [JSONValue]) -> [SLOReport] {
    applications.compactMap(SLOReport.init).sorted { left, right in
      let order = { (report: SLOReport) in
        report.targets.first.map { $0.alert == .page ? 0 : $0.alert == .ticket ? 1 : 2 } ?? 2
      }
      if left.burning != right.burning { return left.burning }
      if order(left) != order(right) { return order(left) < order(right) }
      return left.application < right.application
    }
  }

  /// `14.2×`, `0.3×`, `120×`.
  static func rate(_ value: Double) -> String {
    value >= 100 ? "\(Int(value.rounded()))×" : String(format: "%.1f×", value)
  }

  /// The budget left in percent: `63%`, `-12%` once overspent.
  static func budget(_ fraction: Double) -> String {
    "\(Int((fraction * 100).rounded()))%"
  }

  /// A number with at most one decimal, none when whole: `1`, `0.5`, `812`.
  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
  }

  /// An objective given only as the share of good requests: `99.9% good`.
  private static func fraction(_ value: Double?) -> String {
    guard let value else { return "-" }
    let percent = (value * 1000).rounded() / 10
    return "\(percent == percent.rounded() ? String(Int(percent)) : String(percent))% good"
  }
}
