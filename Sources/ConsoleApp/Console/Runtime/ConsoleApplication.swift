import Foundation
import Views

/// The console as a `TerminalApplication`: on every wake-up, key or tick it drains the inbox,
/// reduces the batch and hands the effects to `perform`, which runs them off the UI thread.
/// Each effect goes with the generation of the connection the state was about when it was asked
/// for, so that what was asked of one cluster is never done to the next one (`ConsoleConnections`).
struct ConsoleApplication: TerminalApplication {
  var state: ConsoleState
  let inbox: ConsoleInbox
  let perform: @Sendable (ConsoleEffect, _ generation: Int) -> Void
  /// Frame timings for the benchmark, when asked for.
  let trace = FrameTrace()

  /// Ticks keep the clock, ages and flashes moving.
  var tickInterval: Int32? { 500 }
  var monochrome: Bool { state.theme.monochrome }

  mutating func started(waker: Waker) { inbox.attach(waker) }

  mutating func handle(_ event: InputEvent) -> AppCommand {
    let (drained, generation) = inbox.drainBatch()
    var events = drained
    switch event {
    case .key(let key):
      trace?.keyArrived()
      events.append(.key(key))
    case .paste(let text): events.append(.paste(text))
    case .resize(let size): events.append(.resize(size))
    case .tick: events.append(.tick(Date()))
    case .mouse(.wheelDown): events.append(.key(KeyEvent(.down)))
    case .mouse(.wheelUp): events.append(.key(KeyEvent(.up)))
    default: break
    }
    guard !events.isEmpty else { return .ignore }
    let effects = ConsoleReducer.reduce(&state, events)
    state.viewports = ConsoleScreen.viewports(of: state)
    for effect in effects {
      if case .quit(let code) = effect { return .quit(code) }
      perform(effect, generation)
    }
    return state.editorRequest == nil ? .redraw : .suspend
  }

  /// Runs the operator's editor on the route the reducer asked for; what was saved comes back
  /// through the inbox like every other result.
  mutating func runSuspended() {
    guard let request = state.editorRequest else { return }
    state.editorRequest = nil
    let generation = inbox.currentGeneration
    let result = ConsoleEditor().edit(request)
    // The context was switched while the editor ran: the route it edited is not on screen any
    // more, and sending the edit would change the new cluster's route of that name.
    guard inbox.currentGeneration == generation else { return }
    inbox.post(.editorClosed(request, result))
  }

  mutating func presented() {
    trace?.presented(rows: state.table.count, synced: state.isSynced)
  }

  func render(into buffer: inout ScreenBuffer, area: Rect) {
    ConsoleScreen(state: state).render(into: &buffer, area: area)
  }
}
