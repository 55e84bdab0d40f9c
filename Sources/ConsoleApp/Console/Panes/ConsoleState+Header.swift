import AIResources
import ClusterClient
import Foundation
import KubeCore
import Views

extension ConsoleState {
  /// What the header says, computed from the state (so tests read it without drawing).
  struct Header {
    /// `embedded` or the context, the server, the namespace filter.
    var identity: String
    /// `synced`, `syncing 4,210/10,000`, `disconnected …, retrying in 3s`, or `connecting`.
    var connection: String
    /// Objects by health.
    var counts: [(Health, Int)]
    /// A warning while the API server is unreachable: why (whole, URL included), how old the data
    /// is, the countdown to the next try and the key that tries now. It wraps over lines.
    var banner: String?
    /// The applications' SLOs, burning ones first; nil when none has a measured objective.
    var slo: SLOHeadline?

    init(_ state: ConsoleState) {
      let world = state.world
      identity =
        "\(world.embedded ? "embedded" : "context \(world.context)") · \(world.server) · ns \(state.namespace ?? "all")"
      let states = Array(state.store.states.values)
      (connection, banner) = Self.connection(states, kinds: state.store.watched.count, now: state.now)
      // No AI kind was discovered yet (the server was unreachable from the start, as after a
      // `:ctx` to a server that is down): the feeds around them say whether it can be reached.
      if state.store.watched.isEmpty, state.store.relatedStates.values.contains(where: \.isDisconnected) {
        let related = Array(state.store.relatedStates.values)
        (connection, banner) = Self.connection(related, kinds: related.count, now: state.now)
      }
      if let failure = state.failure { banner = failure }
      counts = Health.allCases.map { ($0, state.store.healthCounts[$0] ?? 0) }
      let applications = state.store.served(AIApplication.resource).map { state.store.objects(of: $0) } ?? []
      slo = SLOHeadline(SLOReport.all(applications))
    }

    private static func connection(_ states: [SyncState], kinds: Int, now: Date) -> (String, String?) {
      if kinds == 0 { return ("connecting", nil) }
      if let (since, retryAt, reason) = soonestRetry(states) {
        let retry = max(0, Int(retryAt.timeIntervalSince(now).rounded(.up)))
        let age = Timestamps.humanDuration(now.timeIntervalSince(since))
        let key = ConsoleReducer.keyMap.bindings.first { $0.action == .reconnect }?.keyText ?? ""
        return (
          "disconnected, retrying in \(retry)s",
          "API server unreachable — showing data from \(age) ago; retrying in \(retry)s (\(key): now) · \(reason)"
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

    /// Since when the first informer is disconnected, and when and why the soonest one retries:
    /// the countdown an operator waits for.
    private static func soonestRetry(_ states: [SyncState]) -> (since: Date, retryAt: Date, reason: String)? {
      var soonest: (since: Date, retryAt: Date, reason: String)?
      for case .disconnected(let since, let retryAt, let reason) in states {
        let earliest = min(since, soonest?.since ?? since)
        soonest =
          retryAt < soonest?.retryAt ?? .distantFuture
          ? (earliest, retryAt, reason) : soonest.map { (earliest, $0.retryAt, $0.reason) }
      }
      return soonest
    }

    /// The banner as lines `width` columns wide, at most `limit` of them.
    func bannerLines(width: Int, limit: Int = 4) -> [String] {
      guard let banner else { return [] }
      return Array(TextLayout.wrap("⚠ " + banner, width: max(1, width - 2)).prefix(limit)).map { " " + $0 }
    }
  }
}
