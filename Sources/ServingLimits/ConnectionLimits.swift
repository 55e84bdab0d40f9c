/// How many client connections a listener holds at once, and the deadlines each lives under.
public struct ConnectionLimits: Sendable, Equatable {
  /// Connections open at once, from everyone.
  public var maxConnections: Int
  /// Connections open at once from one client address.
  public var maxPerClient: Int
  /// Descriptors kept free for everything that is not a client connection (the store, logs,
  /// outgoing connections, the runtime's own): past this, new connections are closed at once.
  public var descriptorReserve: Int
  /// The per-connection deadlines.
  public var deadlines: ConnectionDeadlines

  /// Limits in the given order.
  public init(maxConnections: Int, maxPerClient: Int, descriptorReserve: Int = 64, deadlines: ConnectionDeadlines) {
    self.maxConnections = maxConnections
    self.maxPerClient = maxPerClient
    self.descriptorReserve = descriptorReserve
    self.deadlines = deadlines
  }

  /// The API server's: 4,096 connections, 1,024 from one address (a quarter, so that one host
  /// cannot take them all), nginx-like in size — kube-apiserver itself caps requests in flight
  /// (400 + 200), not connections; `ClientLimits` covers requests here.
  public static let apiServer = ConnectionLimits(maxConnections: 4096, maxPerClient: 1024, deadlines: .apiServer)

  /// The gateway's: as the API server's, with the gateway's deadlines.
  public static let gateway = ConnectionLimits(maxConnections: 4096, maxPerClient: 1024, deadlines: .gateway)
}
