import ClusterClient

extension ConsoleReducer {
  /// The retry key: while an informer is disconnected, asks every informer to try the API server
  /// now instead of waiting out its backoff; otherwise says there is nothing to retry.
  static func reconnectNow(_ state: inout ConsoleState) -> [ConsoleEffect] {
    let disconnected =
      state.store.states.values.contains(where: \.isDisconnected)
      || state.store.relatedStates.values.contains(where: \.isDisconnected)
    guard disconnected else {
      flash(&state, "connected to the API server: nothing to retry")
      return []
    }
    flash(&state, "retrying the API server now")
    return [.reconnectNow]
  }
}

extension SyncState {
  /// Whether the informer lost the server and waits to try again.
  var isDisconnected: Bool { if case .disconnected = self { true } else { false } }
}
