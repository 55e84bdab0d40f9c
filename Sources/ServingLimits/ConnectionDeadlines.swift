/// How long a client connection may take at each stage before the server closes it, as Go's
/// `net/http` server (and so kube-apiserver) and nginx bound them; without these, connections
/// that never finish a handshake or a request head hold a descriptor forever.
public struct ConnectionDeadlines: Sendable, Equatable {
  /// From accept to a finished TLS handshake.
  public var handshake: Duration
  /// From the first byte of a request (or the handshake, or accept) to its whole head.
  public var header: Duration
  /// From the end of a response to the first byte of the next request.
  public var idle: Duration
  /// After an answer that ends the connection (a 431, a 400, `Connection: close`), how long the
  /// client has to read it before the socket is closed: Go's `rstAvoidanceDelay`, so that the
  /// close does not reset the connection under an answer the client has not read.
  public var linger: Duration

  /// Deadlines in the given order.
  public init(handshake: Duration, header: Duration, idle: Duration, linger: Duration = .milliseconds(500)) {
    self.handshake = handshake
    self.header = header
    self.idle = idle
    self.linger = linger
  }

  /// The API server's: kube-apiserver's `ReadHeaderTimeout` (32 s) and `IdleTimeout` (90 s)
  /// (`k8s.io/apiserver/pkg/server/secure_serving.go`); the handshake gets 10 s, as Go's
  /// `http.Transport` allows a client, where kube-apiserver inherits 32 s from the header timeout:
  /// a loopback or LAN handshake takes milliseconds, and every second of it is a descriptor held.
  public static let apiServer = ConnectionDeadlines(handshake: .seconds(10), header: .seconds(32), idle: .seconds(90))

  /// The gateway's: as the API server's, with nginx's `keepalive_timeout` (75 s) for idle.
  public static let gateway = ConnectionDeadlines(handshake: .seconds(10), header: .seconds(32), idle: .seconds(75))
}
