import AIResources
import Foundation
import KubeCore
import Views

extension ConsoleReducer {
  /// `c` on an InferenceService without a canary: the picker of the ModelDeployments it can take
  /// as one, or a warning saying why there is none.
  static func openCanaryStart(_ ref: ObjectIdentity, _ object: JSONValue, _ state: inout ConsoleState) {
    let deployments = state.store.served(ModelDeployment.resource).map { state.store.objects(of: $0) } ?? []
    switch CanaryStart.modelPicker(ref, object, deployments: deployments) {
    case .success(let picker): state.mode = .canaryPicker(picker)
    case .failure(let refusal): flash(&state, refusal.message, .flashWarn)
    }
  }

  /// Keys of the start's pickers: a picked ModelDeployment asks for the first traffic step; a
  /// picked analysis choice sends the edit.
  static func handleCanaryPicker(
    _ key: KeyEvent, _ picker: ChoicePicker<CanaryStart>, _ state: inout ConsoleState
  ) -> [ConsoleEffect] {
    var picker = picker
    switch picker.handle(key) {
    case .open: state.mode = .canaryPicker(picker)
    case .closed: state.mode = .normal
    case .quit: return [.quit(0)]
    case .picked(let start):
      guard let percent = start.percent, let analysis = start.analysis else {
        var prompt = PromptState(prefix: "canary \(start.model) of \(start.service.description): first traffic %: ")
        prompt.setText(String(CanaryStart.defaultPercent), selected: true)
        state.mode = .canaryTraffic(start, prompt)
        return []
      }
      state.mode = .normal
      return [
        dispatch(.canaryStart(start.service, model: start.model, percent: percent, analysis: analysis), &state)
      ]
    }
    return []
  }

  /// Keys of the first-traffic prompt: enter checks the percent (1–100) and asks about analysis.
  static func handleCanaryTraffic(
    _ key: KeyEvent, _ start: CanaryStart, _ prompt: PromptState, _ state: inout ConsoleState
  ) -> [ConsoleEffect] {
    var prompt = prompt
    switch prompt.handle(.key(key)) {
    case .editing: state.mode = .canaryTraffic(start, prompt)
    case .cancelled: state.mode = .normal
    case .submitted(let text):
      let trimmed = text.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "%")))
      guard let percent = Int(trimmed), (1...100).contains(percent) else {
        // The text stays in the prompt to be corrected.
        prompt.setText(text)
        state.mode = .canaryTraffic(start, prompt)
        flash(&state, "'\(text)': give the canary's first traffic step, a percent 1–100", .flashError)
        return []
      }
      var next = start
      next.percent = percent
      state.mode = .canaryPicker(next.analysisPicker())
    }
    return []
  }
}
