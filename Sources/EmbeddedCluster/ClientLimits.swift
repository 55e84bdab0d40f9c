import KubeCore
import Synchronization

/// How many requests one client may have in flight at once: kube-apiserver's
/// `--max-requests-inflight`, but per client (its credential and User-Agent), so that one runaway
/// client — a script in a tight loop, a controller gone wrong — gets 429s while the console and
/// everyone else are still answered. Watches and followed logs run for long and do not count.
final class ClientLimits: Sendable {
  /// Requests one client may have in flight.
  let limit: Int
  private let inFlight = Mutex<[String: Int]>([:])

  init(limit: Int) { self.limit = limit }

  /// Takes a slot for `client`; false when it has `limit` already.
  func enter(_ client: String) -> Bool {
    inFlight.withLock { counts in
      let current = counts[client, default: 0]
      guard current < limit else { return false }
      counts[client] = current + 1
      return true
    }
  }

  /// Gives back a slot `enter` took.
  func leave(_ client: String) {
    inFlight.withLock { counts in
      let remaining = counts[client, default: 1] - 1
      counts[client] = remaining > 0 ? remaining : nil
    }
  }

  /// Whether a request runs for long (a watch, a followed log) rather than being answered at once.
  static func isLongRunning(_ request: APIRequest) -> Bool {
    request.flag("watch") || request.flag("follow")
  }

  /// The client a request comes from.
  static func client(of request: APIRequest, access: AccessTokens.Access) -> String {
    // Spelled out: interpolating the enum went through reflection on every request.
    let role =
      switch access {
      case .admin: "admin"
      case .readOnly: "readOnly"
      }
    return role + "/" + (request.userAgent ?? "")
  }

  /// The 429 for a client over its limit, with the Retry-After clients honour.
  func refusal(_ client: String) -> StatusError {
    StatusError(
      code: 429, reason: "TooManyRequests",
      message: "too many requests in flight from \(client) (at most \(limit) at once); retry shortly",
      details: ["retryAfterSeconds": 1])
  }
}
