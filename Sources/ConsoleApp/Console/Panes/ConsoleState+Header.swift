import ClusterClient
import Foundation
import KubeCore

extension ConsoleState {
  /// What the header says, computed from the state (so tests read it without drawing).
  struct Header {
    /// `embedded` or the context, the server, the namespace filter.
    var identity: String
    /// `synced`, `syncing 4,210/10,000`, `disconnected …, retrying in 3s`, or `connecting`.
    var connection: String
    /// Objects by health.
    var counts: [(Health, Int)]
    /// A warning line while the API server is unreachable: since when, and how old the data is.
    var banner: String?

    init(_ state: ConsoleState) {
      let world = state.world
      identity =
        "\(world.embedded ? "embedded" : "context \(world.context)") · \(world.server) · ns \(state.namespace ?? "all")"
      let states = Array(state.store.states.values)
      (connection, banner) = Self.connection(states, kinds: state.store.kinds.count, now: state.now)
      if let failure = state.failure { banner = failure }
      counts = Health.allCases.map { ($0, state.store.healthCounts[$0] ?? 0) }
    }

    private static func connection(_ states: [SyncState], kinds: Int, now: Date) -> (String, String?) {
      if kinds == 0 { return ("connecting", nil) }
      for case .disconnected(let since, let retryAt, let reason) in states {
        let retry = max(0, Int(retryAt.timeIntervalSince(now).rounded(.up)))
        let age = Timestamps.humanDuration(now.timeIntervalSince(since))
        return (
          "disconnected, retrying in \(retry)s",
          "API server unreachable (\(reason.prefix(60))) — showing data from \(age) ago; retrying in \(retry)s"
        )
      }
      var loaded = 0
      var total = 0
      var syncing = false
      for case .syncing(let count, let of) in states {
        syncing = true
        loaded += count
        total += of ?? count
      }
      let synced = states.filter(\.isSynced).count
      if syncing || synced < kinds {
        return (
          "syncing \(SyncState.syncing(loaded: loaded, total: total).description(now: now).dropFirst(8)) · \(synced)/\(kinds) kinds",
          nil
        )
      }
      return ("synced", nil)
    }
  }
}
