/// Which deadline a connection is under, fed with what happened on it and asked whether it has
/// run out: a value with no I/O, so that every transition can be tested by feeding events.
///
/// As Go's server: a TLS connection first has the handshake deadline; a new connection then has
/// the header deadline (never longer than the idle one) for its first request; after a response
/// the idle deadline runs until the next request's first byte, which starts the header deadline
/// again. While a request is being answered (a watch for hours) no deadline runs.
public struct ConnectionTimer: Sendable, Equatable {
  /// What the connection is waiting for.
  public enum Phase: Sendable, Equatable {
    case handshaking
    /// Waiting for the first byte of a request: after accept (plain) or after a response.
    case idle
    /// Part of a request head has come; the rest is owed by `deadline`.
    case readingHead
    /// Requests are being answered.
    case serving
  }

  public private(set) var phase: Phase
  /// When the connection is closed unless something moves it on; nil while serving.
  public private(set) var deadline: ContinuousClock.Instant?
  /// Requests whose head was read and whose response has not ended.
  public private(set) var inFlight = 0
  /// Bytes of the next request came while earlier ones were being answered.
  private var partialHead = false
  private let limits: ConnectionDeadlines

  /// A connection accepted at `now`.
  public init(tls: Bool, limits: ConnectionDeadlines, now: ContinuousClock.Instant) {
    self.limits = limits
    if tls {
      phase = .handshaking
      deadline = now + limits.handshake
    } else {
      phase = .idle
      deadline = now + min(limits.header, limits.idle)
    }
  }

  /// Whether the server may close this connection to make room for another, as nginx reuses
  /// connections that have sent nothing: it is waiting and has not been sent a byte.
  public var isReclaimable: Bool { phase == .idle || (phase == .handshaking && !partialHead) }

  /// The TLS handshake finished: the first request head is owed within the header deadline.
  public mutating func handshakeCompleted(now: ContinuousClock.Instant) {
    guard phase == .handshaking else { return }
    phase = .readingHead
    deadline = now + limits.header
  }

  /// Bytes arrived from the client.
  public mutating func bytesRead(now: ContinuousClock.Instant) {
    switch phase {
    case .handshaking: partialHead = true
    case .idle:
      phase = .readingHead
      deadline = now + limits.header
    case .readingHead: break
    case .serving: partialHead = true
    }
  }

  /// A whole request head was read.
  public mutating func headReceived() {
    inFlight += 1
    partialHead = false
    phase = .serving
    deadline = nil
  }

  /// A response ended; with none left, the next request is awaited.
  public mutating func responseEnded(now: ContinuousClock.Instant) {
    inFlight = max(0, inFlight - 1)
    guard inFlight == 0, phase == .serving else { return }
    if partialHead {
      phase = .readingHead
      deadline = now + limits.header
    } else {
      phase = .idle
      deadline = now + limits.idle
    }
  }

  /// Whether the deadline has passed at `now`.
  public func isExpired(now: ContinuousClock.Instant) -> Bool {
    guard let deadline else { return false }
    return now >= deadline
  }
}
