import KubeCore

/// One pod's log as records, followed across dropped connections: each reconnect asks for the
/// lines since the last stamp seen and skips the ones already delivered, waiting longer after each
/// attempt that brought nothing new. It ends when the pod is gone (404), when a read without
/// `follow` (or of a previous run, which is never followed) is complete, or when the consuming
/// task is cancelled; it throws when the server refuses the credentials (401, 403), and for a
/// previous run that the container does not have (400), which no retry would bring.
///
/// The work happens inside `next()`, on the consumer's task: nothing runs while nobody reads.
public struct PodLogStream: AsyncSequence, Sendable {
  /// One parsed line.
  public typealias Element = LogRecord

  /// The pod (and container) followed.
  public let source: LogSource
  /// What is read and how reconnects wait.
  public let options: PodLogOptions
  private let client: KubeClient
  private let clock: any Clock<Duration>

  /// A stream of `source`'s log through `client`; `clock` times the waits between reconnects.
  public init(
    client: KubeClient, source: LogSource, options: PodLogOptions = PodLogOptions(),
    clock: any Clock<Duration> = ContinuousClock()
  ) {
    self.client = client
    self.source = source
    self.options = options
    self.clock = clock
  }

  /// A reader that opens its first connection on its first `next()`.
  public func makeAsyncIterator() -> Iterator {
    Iterator(stream: self)
  }

  /// Reads records, connecting and reconnecting as needed.
  public struct Iterator: AsyncIteratorProtocol {
    private let stream: PodLogStream
    private var splitter: LogLineSplitter
    private var resume = LogResumePoint()
    private var connection: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator?
    private var ready: [LogRecord] = []
    private var readyIndex = 0
    /// Connections in a row that brought no new line; the backoff grows with it.
    private var fruitless = 0
    private var connections = 0
    private var ended = false

    init(stream: PodLogStream) {
      self.stream = stream
      splitter = LogLineSplitter(maximumLineBytes: stream.options.maximumLineBytes)
    }

    /// The next new line; nil once the stream has ended.
    public mutating func next() async throws -> LogRecord? {
      while true {
        if readyIndex < ready.count {
          defer { readyIndex += 1 }
          return ready[readyIndex]
        }
        if ended || Task.isCancelled { return nil }
        if connection == nil {
          try await connect()
        } else {
          await read()
        }
      }
    }

    /// Waits as the backoff says (not before the first connection), then opens the log.
    private mutating func connect() async throws {
      if connections > 0 {
        do {
          try await stream.clock.sleep(for: stream.options.backoff.delay(attempt: Swift.max(0, fruitless - 1)))
        } catch {
          ended = true
          return
        }
      }
      connections += 1
      let path = stream.options.path(for: stream.source, resumingFrom: resume.sinceTime)
      do {
        connection = try await stream.client.byteStream(path, accept: "text/plain, */*").makeAsyncIterator()
        resume.reconnected()
      } catch let error as KubeError {
        switch error {
        case .unauthorized, .forbidden: throw error
        case .badRequest where stream.source.previous: throw error
        case .notFound: ended = true
        default: fruitless += 1
        }
      } catch {
        // Refused, reset, 5xx, a container not started yet: all worth another try later.
        fruitless += 1
      }
    }

    /// Reads one chunk, or handles the end of the connection.
    private mutating func read() async {
      do {
        guard let chunk = try await connection?.next() else {
          // The server ended the body on purpose, so an unterminated last line is complete.
          if let last = splitter.finish() { deliver([last]) }
          closeConnection(followAgain: stream.options.follows(stream.source))
          return
        }
        deliver(splitter.split(chunk))
      } catch {
        // A cut connection may have cut a line too; the reconnect replays it whole.
        splitter = LogLineSplitter(maximumLineBytes: stream.options.maximumLineBytes)
        closeConnection(followAgain: true)
      }
    }

    private mutating func closeConnection(followAgain: Bool) {
      connection = nil
      fruitless += 1
      if !followAgain || Task.isCancelled { ended = true }
    }

    private mutating func deliver(_ lines: [String]) {
      ready.removeAll(keepingCapacity: true)
      readyIndex = 0
      for line in lines {
        let record = LogRecord(line: line, source: stream.source, timestamped: true)
        guard resume.admit(timestamp: record.timestamp, text: record.text) else { continue }
        ready.append(record)
      }
      if !ready.isEmpty { fruitless = 0 }
    }
  }
}
