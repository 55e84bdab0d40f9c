import ClusterClient

/// Why the demo could not start.
public enum DemoError: Error, Sendable, CustomStringConvertible {
  /// The API server refused a seeded object, or could not be asked about it.
  case seedFailed(String, KubeError)

  public var description: String {
    switch self {
    case .seedFailed(let object, let error): return "cannot seed the demo's \(object): \(error)"
    }
  }

  /// Whether trying again later may help: the server was unreachable or busy, not refusing.
  public var isTransient: Bool {
    switch self {
    case .seedFailed(_, let error):
      switch error {
      case .transport, .server, .tooManyRequests: return true
      default: return false
      }
    }
  }
}
