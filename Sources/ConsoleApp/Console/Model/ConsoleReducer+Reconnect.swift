import ClusterClient

extension ConsoleReducer {
  /// The retry key: while an informer is disconnected, asks every informer to try the API server
  /// now instead of waiting out its backoff; otherwise says there is nothing to retry.
  static func reconnectNow(_ state: inout ConsoleState) -> [ConsoleEffect] {
    let disconnected = state.store.states.values.contains {
      if case .disconnected = $0 { true } else { false }
    }
    guard disconnected else {
      flash(&state, "connected to the API server: nothing to retry")
      return []
    }
    flash(&state, "retrying the API server now")
    return [.reconnectNow]
  }
}
