import Foundation
import KubeCore

extension APIServer {
  /// WATCH: a 200 stream of JSON frames, one per line — ADDED/MODIFIED/DELETED, BOOKMARK when
  /// asked for, and a 410 ERROR frame when the requested revision has left the window.
  func watch(_ scoped: ScopedRequest) async throws -> APIResponse {
    let filter = try filter(scoped)
    let request = scoped.request
    let sendInitial = request.flag("sendInitialEvents")
    let bookmarks = request.flag("allowWatchBookmarks")
    let fromRevision = try Self.watchStart(request.parameter("resourceVersion"), initialEvents: sendInitial)
    let (stream, continuation) = AsyncStream.makeStream(
      of: WatchMessage.self, bufferingPolicy: .bufferingOldest(watchBufferCapacity))
    let started: (backlog: [WatchEvent], id: Int, revision: Int64)
    do {
      started = try await store.watch(filter, fromRevision: fromRevision, into: continuation)
    } catch .tooOld(let requested, let oldest) {
      let error = StatusError.expired("too old resource version: \(requested) (\(oldest))")
      let frame = WatchEvent.frame(type: "ERROR", objectBytes: error.status.serialized())
      return APIResponse(status: 200, body: .stream { writer in try await writer.write(frame) })
    } catch .shuttingDown {
      // As kube-apiserver during shutdown: refuse, so that clients back off instead of re-watching
      // in a loop that would keep the connection busy and the shutdown waiting.
      var refusal = APIResponse.error(
        StatusError(code: 503, reason: "ServiceUnavailable", message: "the apiserver is shutting down"))
      refusal.headers.append(("Retry-After", "1"))
      return refusal
    }
    let encoder = WatchFrameEncoder(
      scoped: scoped, table: TableWriter.wanted(request.accept) ? tableWriter(scoped) : nil, now: now)
    let timeout = Int(request.parameter("timeoutSeconds") ?? "").map { Duration.seconds($0) } ?? .seconds(1800)
    let interval = bookmarkInterval
    let store = store
    let watcher = started.id
    return APIResponse(
      status: 200,
      body: .stream { writer in
        defer { continuation.finish() }
        var encoder = encoder
        for event in started.backlog { try await writer.write(encoder.frame(event)) }
        if (sendInitial || fromRevision == nil) && bookmarks {
          try await writer.write(encoder.bookmark(started.revision, initialEventsEnd: true))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
          group.addTask {
            try await Self.tick(continuation, store: store, every: bookmarks ? interval : nil, until: timeout)
          }
          for await message in stream {
            switch message {
            case .event(let event): try await writer.write(encoder.frame(event))
            case .bookmark(let revision): try await writer.write(encoder.bookmark(revision, initialEventsEnd: false))
            }
          }
          group.cancelAll()
        }
        await store.stopWatch(watcher)
      })
  }

  /// Where a watch starts: nil for "send the current state first" (no resourceVersion, "0", or
  /// sendInitialEvents), else the revision after which changes are wanted.
  static func watchStart(_ text: String?, initialEvents: Bool) throws(StatusError) -> Int64? {
    guard let text, text != "0", !initialEvents else { return nil }
    guard let revision = Int64(text) else { throw StatusError.badRequest("invalid resource version \"\(text)\"") }
    return revision
  }

  private static func tick(
    _ continuation: AsyncStream<WatchMessage>.Continuation, store: ObjectStore, every interval: Duration?,
    until timeout: Duration
  ) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
      let next = interval.map { clock.now.advanced(by: $0) } ?? deadline
      try await clock.sleep(until: min(next, deadline))
      if clock.now >= deadline {
        continuation.finish()
        return
      }
      continuation.yield(.bookmark(await store.revision))
    }
  }
}

/// Encodes watch events in the form the client asked for: the stored frame as is, or a Table row.
struct WatchFrameEncoder: Sendable {
  let scoped: ScopedRequest
  let table: TableWriter?
  /// The server's clock, read for each event so that a long watch's ages and Last Seen are current.
  let now: @Sendable () -> Date
  /// Whether a Table with column definitions went out: only the first event carries them.
  private var sentHeaders = false

  init(scoped: ScopedRequest, table: TableWriter?, now: @escaping @Sendable () -> Date) {
    self.scoped = scoped
    self.table = table
    self.now = now
  }

  mutating func frame(_ event: WatchEvent) -> [UInt8] {
    guard var table else { return event.frame }
    table.now = now()
    let metadata: JSONValue = ["resourceVersion": .string(String(event.object.revision))]
    let object = table.table([event.object.value], listMetadata: metadata, headers: !sentHeaders)
    sentHeaders = true
    return WatchEvent.frame(type: event.kind.rawValue, objectBytes: object.serialized())
  }

  func bookmark(_ revision: Int64, initialEventsEnd: Bool) -> [UInt8] {
    var metadata: JSONValue = ["resourceVersion": .string(String(revision))]
    if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
    let object: JSONValue = [
      "apiVersion": .string(scoped.info.apiVersion), "kind": .string(scoped.info.kind), "metadata": metadata,
    ]
    return WatchEvent.frame(type: "BOOKMARK", objectBytes: object.serialized())
  }
}
