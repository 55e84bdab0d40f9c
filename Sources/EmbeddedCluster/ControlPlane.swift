import Foundation
import Hummingbird
import HummingbirdTLS
import KubeCore
import Logging
import NIOCore
import ServiceLifecycle
import ServingLimits

/// Where a running control plane can be reached.
public struct ControlPlaneEndpoints: Sendable {
  /// `https://127.0.0.1:PORT`.
  public var apiServer: String
  /// The kubeconfig written for clients (admin token, CA data).
  public var kubeconfigPath: String
  /// The state directory.
  public var stateDirectory: URL
}

/// How to start a control plane.
public struct ControlPlaneOptions: Sendable {
  public var stateDirectory: URL
  public var address: String
  /// 0 picks a free port the first time and reuses it on later starts while it is free.
  public var port: Int
  /// How many recent changes watches can resume from before they get 410 Gone.
  public var watchWindow: Int
  /// How many bytes of recent changes watches can resume from; the oldest go first past it.
  public var watchWindowBytes: Int
  /// Connection caps and deadlines of the HTTPS listener.
  public var connectionLimits = ConnectionLimits.apiServer

  /// Options for a state directory.
  public init(
    stateDirectory: URL, address: String = "127.0.0.1", port: Int = 0, watchWindow: Int = 50_000,
    watchWindowBytes: Int = ControlPlaneOptions.defaultWatchWindowBytes
  ) {
    self.stateDirectory = stateDirectory
    self.address = address
    self.port = port
    self.watchWindow = watchWindow
    self.watchWindowBytes = watchWindowBytes
  }

  /// The default of `watchWindowBytes`: 256 MiB (why, at `ObjectStore.defaultWindowByteLimit`).
  public static var defaultWatchWindowBytes: Int { ObjectStore.defaultWindowByteLimit }
}

/// The embedded Kubernetes-compatible control plane as a `Service`: it opens the state directory,
/// installs the built-in namespaces and AI CRDs on first start, serves HTTPS until graceful
/// shutdown, and reports its endpoints once it listens.
public final class ControlPlane: Service {
  private let options: ControlPlaneOptions
  private let state: StateDirectory
  /// Held from the start until `run` ends, so no second server opens this store.
  private let lock: StateDirectoryLock
  private let credentials: ServingCredentials
  private let server: APIServer
  private let logger: Logger
  private let onReady: @Sendable (ControlPlaneEndpoints) async -> Void

  /// Opens the state directory and the store; serving starts in `run()`.
  public init(
    options: ControlPlaneOptions, logger: Logger,
    onReady: @escaping @Sendable (ControlPlaneEndpoints) async -> Void = { _ in }
  ) async throws {
    self.options = options
    self.logger = logger
    self.onReady = onReady
    state = StateDirectory(url: options.stateDirectory)
    try state.prepare()
    lock = try StateDirectoryLock(directory: state.url)
    credentials = try state.credentials(address: options.address)
    let store = try ObjectStore(
      journal: try SQLiteJournal(path: state.databasePath), windowCapacity: options.watchWindow,
      windowByteLimit: options.watchWindowBytes)
    server = APIServer(
      store: store, registry: ResourceRegistry(), tokens: try state.tokens(),
      podLogs: PodLogStore(directory: state.logsDirectory),
      logger: logger, now: { Date() })
    try await Bootstrap(server: server).run()
  }

  /// Serves until graceful shutdown.
  public func run() async throws {
    // Also when serving fails: a later start in this process must find the directory free.
    defer { lock.release() }
    let port =
      options.port != 0
      ? options.port : (state.previousPort().flatMap { PortProbe.isFree(options.address, $0) ? $0 : nil } ?? 0)
    let accessLog = AccessLog(server: server)
    let application = Application(
      responder: APIResponder(server: server, accessLog: accessLog),
      server: .guardedTLS(
        tlsConfiguration: try credentials.tlsConfiguration(),
        connections: ConnectionGuard(limits: options.connectionLimits, logger: logger)),
      configuration: .init(address: .hostname(options.address, port: port), serverName: nil),
      onServerRunning: { [self] channel in await self.announce(port: channel.localAddress?.port ?? port) },
      logger: logger.deferringMetadata)
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { await accessLog.run() }
      let store = server.store
      try await withGracefulShutdownHandler {
        try await application.run()
      } onGracefulShutdown: {
        Task { await store.closeWatches() }
      }
      group.cancelAll()
    }
    await Bootstrap(server: server).log("apiserver stopped")
  }

  private func announce(port: Int) async {
    let host = options.address.contains(":") ? "[\(options.address)]" : options.address
    let url = "https://\(host):\(port)"
    do {
      try state.writeClientFiles(apiServer: url, credentials: credentials, tokens: server.tokens, extra: [:])
    } catch {
      logger.error("could not write client files", metadata: ["error": "\(error)"])
    }
    await Bootstrap(server: server).log("apiserver listening on \(url)")
    await onReady(
      ControlPlaneEndpoints(apiServer: url, kubeconfigPath: state.kubeconfigPath, stateDirectory: state.url))
  }
}

/// Checks whether a TCP port can be bound right now.
public enum PortProbe {
  /// Whether `port` on the IPv4 `address` can be bound now (SO_REUSEADDR, as servers bind).
  public static func isFree(_ address: String, _ port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var reuse: Int32 = 1
    setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
    var socketAddress = sockaddr_in()
    socketAddress.sin_family = sa_family_t(AF_INET)
    socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
    socketAddress.sin_addr.s_addr = inet_addr(address == "localhost" ? "127.0.0.1" : address)
    let result = withUnsafePointer(to: &socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    return result == 0
  }
}
