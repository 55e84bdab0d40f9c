import ArgumentParser
import ServingLimits

/// `serve`'s flags for the API server's connection caps and deadlines (defaults as
/// kube-apiserver's Go server has them: see `ConnectionDeadlines.apiServer`).
struct ConnectionOptions: ParsableArguments {
  @Option(
    help: "Client connections the API server holds at once; past it a silent one makes room, or the new one is closed.")
  var maxConnections = ConnectionLimits.apiServer.maxConnections

  @Option(help: "Client connections the API server holds at once from one address.")
  var maxConnectionsPerClient = ConnectionLimits.apiServer.maxPerClient

  @Option(help: "Seconds a client has to finish the TLS handshake.")
  var tlsHandshakeTimeout = Self.seconds(ConnectionDeadlines.apiServer.handshake)

  @Option(help: "Seconds a client has to send a whole request head, from its first byte.")
  var requestHeaderTimeout = Self.seconds(ConnectionDeadlines.apiServer.header)

  @Option(help: "Seconds a kept-alive connection may wait for its next request.")
  var idleConnectionTimeout = Self.seconds(ConnectionDeadlines.apiServer.idle)

  func validate() throws {
    guard maxConnections > 0, maxConnectionsPerClient > 0 else {
      throw ValidationError("--max-connections and --max-connections-per-client must be at least 1")
    }
    for (flag, value) in [
      ("--tls-handshake-timeout", tlsHandshakeTimeout), ("--request-header-timeout", requestHeaderTimeout),
      ("--idle-connection-timeout", idleConnectionTimeout),
    ] where !(value > 0 && value.isFinite) {
      throw ValidationError("\(flag) must be a positive number of seconds, not \(value)")
    }
  }

  /// The limits these flags describe.
  var limits: ConnectionLimits {
    var limits = ConnectionLimits.apiServer
    limits.maxConnections = maxConnections
    limits.maxPerClient = maxConnectionsPerClient
    limits.deadlines.handshake = .milliseconds(Int64(tlsHandshakeTimeout * 1000))
    limits.deadlines.header = .milliseconds(Int64(requestHeaderTimeout * 1000))
    limits.deadlines.idle = .milliseconds(Int64(idleConnectionTimeout * 1000))
    return limits
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
