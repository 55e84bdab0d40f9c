import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// The sizes every whole screen is drawn at.
enum ScreenSize: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case standard = "120x40"
  case wide = "200x50"

  /// The terminal's size.
  var size: Size {
    switch self {
    case .standard: Size(width: 120, height: 40)
    case .wide: Size(width: 200, height: 50)
    }
  }

  var testDescription: String { rawValue }
}

/// The one cluster every whole-screen test looks at, fed to the console only through the
/// reducer's events, as the informers, the metrics feed and the log follower would deliver it:
/// the six AI kinds, the demo's services (one with a canary still starting), routes, model
/// deployments and a standalone pool with two revisions, a crash-looping pool in another
/// namespace, their pods, events and revisions, seven scrapes of the metrics endpoint five seconds
/// apart, and the logs of the component and instance pods. Time is the fixed `now`, so ages,
/// rates and sparklines come out the same on every run.
struct ScreenFixture {
  /// 2027-01-15 08:00:00 UTC.
  static let now = Date(timeIntervalSince1970: 1_800_000_000)
  static let namespace = "demo"

  /// The console's state after everything fed so far.
  private(set) var state: ConsoleState
  /// Every effect the reducer asked for, in order.
  private(set) var effects: [ConsoleEffect] = []

  /// The console at `size`, every informer synced, the metrics scraped, at `now`.
  init(_ size: ScreenSize, readOnly: Bool = false) throws {
    let world = ConsoleState.World(
      context: "embedded", server: "https://127.0.0.1:6443", embedded: true, readOnly: readOnly)
    state = ConsoleState(world: world, theme: .plain, now: Self.now)
    send([.resize(size.size), .tick(Self.now)])
    send([.kinds(Self.kinds)])
    for (resource, objects) in Self.objects {
      send(objects.map { .object(resource, .added($0)) } + [.object(resource, .state(.synced))])
    }
    for (feed, objects) in Self.related {
      send(objects.map { .related(feed, .added($0)) } + [.related(feed, .state(.synced))])
    }
    send(try Self.scrapes().map(ConsoleEvent.metrics))
    send([.tick(Self.now)])
  }

  /// Feeds events to the reducer as one batch, keeping the effects.
  mutating func send(_ events: [ConsoleEvent]) {
    effects += ConsoleReducer.reduce(&state, events)
  }

  /// Presses keys one batch each, as the UI loop delivers them between frames.
  mutating func press(_ keys: KeyEvent...) {
    for key in keys { send([.key(key)]) }
  }

  /// Types `text` a character at a time.
  mutating func type(_ text: String) {
    for character in text { send([.key(.char(character))]) }
  }

  /// Moves the list's cursor onto `kind` `namespace/name` with `g` and `j`, as an operator would;
  /// the row is found by what it shows, not by how the console names it inside.
  mutating func select(_ kind: String, _ name: String, namespace: String = ScreenFixture.namespace) {
    let position = (0..<state.table.count).first { position in
      let cells = state.table.row(at: position).cells
      return cells.contains(kind) && cells.contains(namespace) && cells.contains(name)
    }
    guard let position else {
      Issue.record("no row for \(kind) \(namespace)/\(name) in the list")
      return
    }
    press(.char("g"))
    for _ in 0..<position { press(.char("j")) }
  }

  /// Delivers the log lines of every pod, as the log follower would once told which to follow:
  /// the reducer keeps only those of the sources it follows now.
  mutating func deliverLogs() {
    send(Self.logRecords.map(ConsoleEvent.log))
  }
}
