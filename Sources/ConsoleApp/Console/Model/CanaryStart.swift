import AIResources
import KubeCore
import Views

/// `c` on an InferenceService without a canary: what the operator has chosen so far. The flow is
/// a picker of the ModelDeployments of the stable one's model, a prompt for the first traffic
/// step, and a picker of with or without analysis; the last choice holds everything the
/// `ConsoleOperation.canaryStart` needs.
struct CanaryStart: Hashable, Sendable {
  /// The InferenceService.
  var service: ObjectIdentity
  /// The canary ModelDeployment.
  var model: String
  /// The first traffic step, once typed.
  var percent: Int?
  /// With analysis or not, once picked.
  var analysis: Bool?

  /// The traffic the prompt opens on.
  static let defaultPercent = 10

  /// The ModelDeployments `service` (as `object`) may take as a canary, from `deployments` (the
  /// cached ones): in its namespace, of the stable one's `spec.modelName`, other than the stable
  /// one. The picker, or why there is nothing to pick.
  static func modelPicker(_ service: ObjectIdentity, _ object: JSONValue, deployments: [JSONValue]) -> Result<
    ChoicePicker<CanaryStart>, Refusal
  > {
    let stableName = object[path: ["spec", "modelRef", "name"]]?.stringValue ?? ""
    let local = deployments.filter { $0[path: ["metadata", "namespace"]]?.stringValue == service.namespace }
    guard let stable = local.first(where: { name(of: $0) == stableName }),
      let modelName = stable[path: ["spec", "modelName"]]?.stringValue
    else {
      return .failure(Refusal(message: "\(service.description): its ModelDeployment \(stableName) is not known here"))
    }
    let candidates = local.filter {
      name(of: $0) != stableName && $0[path: ["spec", "modelName"]]?.stringValue == modelName
    }.sorted { name(of: $0) < name(of: $1) }
    guard !candidates.isEmpty else {
      return .failure(
        Refusal(
          message:
            "no other ModelDeployment of \(modelName) in \(service.namespace) to take a canary (stable: \(stableName))"
        ))
    }
    let choices = candidates.map { deployment in
      let version = deployment[path: ["spec", "modelVersion"]]?.stringValue ?? "-"
      let phase = deployment[path: ["status", "phase"]]?.stringValue ?? "-"
      return ChoicePicker<CanaryStart>.Choice(
        text: "\(name(of: deployment))  \(modelName) \(version) · \(phase)", role: nil,
        value: CanaryStart(service: service, model: name(of: deployment)))
    }
    return .success(
      ChoicePicker(
        title: "canary of \(service.name)", hint: "stable \(stableName) · enter: pick · esc: cancel",
        choices: choices))
  }

  /// The last choice: with the default analysis or a fixed share.
  func analysisPicker() -> ChoicePicker<CanaryStart> {
    let percent = percent ?? Self.defaultPercent
    let steps = ClusterOperations.defaultAnalysis(firstStep: percent).steps.map { String($0.trafficPercent) }
    var with = self
    with.analysis = true
    var without = self
    without.analysis = false
    return ChoicePicker(
      title: "canary \(model) of \(service.name) at \(percent)%", hint: "enter: start · esc: cancel",
      choices: [
        .init(
          text: "with analysis (steps \(steps.joined(separator: "/")), 1m each; p99 ≤ 1.5× and errors ≤ 2× stable)",
          role: nil, value: with),
        .init(text: "no analysis (stays at \(percent)% until you move it)", role: nil, value: without),
      ])
  }

  /// Why `c` cannot start a canary.
  struct Refusal: Error {
    var message: String
  }

  private static func name(of object: JSONValue) -> String {
    object[path: ["metadata", "name"]]?.stringValue ?? ""
  }
}
