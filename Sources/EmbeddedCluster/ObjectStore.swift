import DequeModule
import KubeCore

/// The revisioned object store: the whole state in memory, every write journalled to SQLite
/// before it is acknowledged, one store-wide revision that is every object's resourceVersion,
/// and a bounded window of recent changes that watches replay from. Writes that arrive while a
/// commit is under way wait and then share the next one (group commit, `WriteBatch`).
actor ObjectStore {
  /// What a write decides to do with the current object.
  enum WriteOutcome: Sendable {
    case put(JSONValue)
    case delete
    case unchanged
  }

  private let journal: any ObjectJournal
  private let windowCapacity: Int
  /// The most the window may hold, in `WatchEvent.retainedBytes`: with only a count, 600 changes
  /// of one 2 MB object held 3.5 GB.
  private let windowByteLimit: Int
  /// What the window holds now, in `WatchEvent.retainedBytes`.
  private(set) var windowBytes = 0
  /// The largest object the store keeps, serialized (etcd's default `--max-request-bytes`).
  let maxObjectBytes: Int
  private(set) var revision: Int64
  private var objects: [GroupResource: [ObjectKey: StoredObject]] = [:]
  private var sortedKeys: [GroupResource: [ObjectKey]] = [:]
  private var dependents: [String: Set<ObjectKey>] = [:]
  private var window: Deque<WatchEvent> = []
  /// Every change after this revision is still in `window`.
  private var windowStart: Int64
  private var watchers: [Int: Watcher] = [:]
  private var nextWatcherID = 0
  /// Set once the server shuts down: no watch stays open or opens any more.
  private var watchesClosed = false
  /// Whether a write is leading a batch (deciding it, committing it, or handing over to the next
  /// leader); while it is, new writes wait in `waiting`.
  private var committing = false
  /// Writes waiting for the next batch, in arrival order.
  private var waiting: Deque<QueuedWrite> = []

  /// A write waiting for a batch: it is either answered by the leader of the batch that took it,
  /// or told to lead the next batch itself.
  private struct QueuedWrite {
    var key: ObjectKey
    var decide: @Sendable (StoredObject?) throws -> WriteOutcome
    var continuation: CheckedContinuation<Turn, any Error>
  }

  private enum Turn {
    case answered(StoredObject?)
    case lead
  }

  private struct Watcher {
    var filter: ObjectFilter
    var continuation: AsyncStream<WatchMessage>.Continuation
  }

  /// Opens the store over a journal, loading every object into memory.
  init(
    journal: any ObjectJournal, windowCapacity: Int = 50_000, windowByteLimit: Int = ObjectStore.defaultWindowByteLimit,
    maxObjectBytes: Int = ObjectStore.defaultMaxObjectBytes
  ) throws {
    self.journal = journal
    self.windowCapacity = windowCapacity
    self.windowByteLimit = windowByteLimit
    self.maxObjectBytes = maxObjectBytes
    let loaded = try journal.loadAll()
    let storedRevision = try journal.revision()
    revision = max(storedRevision, loaded.map(\.revision).max() ?? 0)
    windowStart = revision
    for object in loaded {
      objects[object.key.resource, default: [:]][object.key] = object
      Self.index(&dependents, dependentsOf: object, previous: nil)
    }
  }

  /// The object at `key`, if any.
  func get(_ key: ObjectKey) -> StoredObject? {
    objects[key.resource]?[key]
  }

  /// Objects selected by `filter`, in key order, starting after `after` and at most `limit`
  /// (0 = all); also says how many selected objects remain beyond the page.
  func list(_ filter: ObjectFilter, after: ObjectKey? = nil, limit: Int = 0)
    -> (items: [StoredObject], revision: Int64, more: Bool, remaining: Int?)
  {
    let keys = orderedKeys(filter.resource)
    let table = objects[filter.resource] ?? [:]
    // Keys sort by namespace first: one namespace is a range, found by bisection.
    var (index, end) = (0, keys.count)
    if let namespace = filter.namespace, !namespace.isEmpty {
      (index, end) = (
        Self.bound(in: keys) { $0.namespace < namespace }, Self.bound(in: keys) { $0.namespace <= namespace }
      )
    }
    if let after { index = max(index, Self.bound(in: keys) { $0 <= after }) }
    var items: [StoredObject] = []
    var more = false
    // A page stops at the first match past its limit: scanning on to count the rest made every
    // page cost the whole collection, and an informer's paged list quadratic.
    while index < end {
      guard let object = table[keys[index]], filter.matches(object) else {
        index += 1
        continue
      }
      if limit > 0, items.count >= limit {
        more = true
        break
      }
      items.append(object)
      index += 1
    }
    // As kube-apiserver: the count of what is left is known only without selectors.
    let selected = !filter.labelSelector.requirements.isEmpty || filter.fieldSelector != nil
    return (items, revision, more, more && !selected ? end - index : nil)
  }

  /// Every key of a resource (all namespaces), for collection deletes and garbage collection.
  func keys(of resource: GroupResource) -> [ObjectKey] { orderedKeys(resource) }

  /// The keys of objects whose ownerReferences name `uid`.
  func dependents(ofUID uid: String) -> [ObjectKey] { Array(dependents[uid] ?? []).sorted() }

  /// Reads the object at `key`, lets `decide` choose the outcome, and commits it atomically:
  /// journalled, then applied in memory, then sent to watchers. Returns the stored result
  /// (for a delete, the deleted object stamped with the deletion's revision).
  ///
  /// Writes that arrive while a batch commits wait, and the first of them leads the next batch
  /// with the rest: each is decided in arrival order (`decide` sees the writes before it in the
  /// batch), those its checks refuse fail alone, and the others commit in one transaction. Every
  /// write is answered only once its batch is durable; a batch that fails to commit fails every
  /// write in it, and the store stays as it was.
  func write(_ key: ObjectKey, _ decide: @escaping @Sendable (StoredObject?) throws -> WriteOutcome) async throws
    -> StoredObject?
  {
    if committing {
      let turn = try await withCheckedThrowingContinuation { continuation in
        waiting.append(QueuedWrite(key: key, decide: decide, continuation: continuation))
      }
      switch turn {
      case .answered(let stored): return stored
      case .lead: break
      }
    }
    committing = true
    return try await lead(key, decide)
  }

  /// Decides this write and every one waiting, commits them as one batch, applies and publishes
  /// it, answers the waiting ones, and hands the lead to the next write in line.
  private func lead(_ key: ObjectKey, _ decide: @Sendable (StoredObject?) throws -> WriteOutcome) async throws
    -> StoredObject?
  {
    let followers = waiting
    waiting.removeAll()
    var batch = WriteBatch(after: revision)
    let own = stage(key, decide, into: &batch)
    let staged = followers.map { stage($0.key, $0.decide, into: &batch) }
    var failure: (any Error)?
    if !batch.isEmpty {
      do {
        try await journal.commit(puts: batch.puts, deletes: batch.deletes, revision: batch.lastRevision)
        apply(batch)
      } catch {
        failure = error
      }
    }
    for (follower, outcome) in zip(followers, staged) {
      follower.continuation.resume(with: outcome.answer(afterCommitFailure: failure).map { .answered($0) })
    }
    handOver()
    return try own.answer(afterCommitFailure: failure).get()
  }

  /// How many writes wait for the next batch (for tests that make batches form).
  var waitingWrites: Int { waiting.count }

  /// Passes the lead to the first write in line, or ends leading when none waits.
  private func handOver() {
    guard let next = waiting.popFirst() else {
      committing = false
      return
    }
    next.continuation.resume(returning: .lead)
  }

  /// Decides one write against the store as `batch` leaves it, adding its change to the batch.
  private func stage(
    _ key: ObjectKey, _ decide: @Sendable (StoredObject?) throws -> WriteOutcome, into batch: inout WriteBatch
  ) -> WriteBatch.Staged {
    let (current, fromBatch) = batch.current(key, committed: get(key))
    do {
      switch try decide(current) {
      case .unchanged:
        return .unchanged(current, readBatch: fromBatch)
      case .put(let value):
        return .changed(
          try batch.put(key, value, previous: current) { stored throws(StatusError) in try checkSize(stored) })
      case .delete:
        guard let current else { return .unchanged(nil, readBatch: fromBatch) }
        return .changed(batch.delete(current))
      }
    } catch {
      return .refused(error, readBatch: fromBatch)
    }
  }

  /// Makes a committed batch visible: each change applied in memory and sent to watchers, in
  /// revision order.
  private func apply(_ batch: WriteBatch) {
    for change in batch.changes {
      revision = change.stored.revision
      if change.isDelete {
        apply(delete: change.previous ?? change.stored)
        publish(
          WatchEvent(
            kind: .deleted, object: change.stored, previous: change.previous?.value,
            previousBytes: change.previous?.bytes.count ?? 0))
      } else {
        apply(put: change.stored, previous: change.previous)
        publish(
          WatchEvent(
            kind: change.previous == nil ? .added : .modified, object: change.stored, previous: change.previous?.value,
            previousBytes: change.previous?.bytes.count ?? 0))
      }
    }
  }

  /// 256 MiB: at the count bound's 50,000 events that is about 5 KB an event, more than most
  /// objects take, so ordinary load is still bounded by count; a stream of large objects (about
  /// 60 changes of a 1 MiB ConfigMap) is bounded by this, at a fraction of a laptop's memory.
  static let defaultWindowByteLimit = 256 * 1024 * 1024
  /// etcd's default `--max-request-bytes` (1.5 MiB), which bounds every object kube-apiserver stores.
  static let defaultMaxObjectBytes = 1024 * 1024 * 3 / 2

  /// Refuses an object over `maxObjectBytes` as kube-apiserver relays etcd's refusal (413 with
  /// etcd's words, which clients match), naming the object and both sizes.
  private func checkSize(_ stored: StoredObject) throws(StatusError) {
    guard stored.bytes.count > maxObjectBytes else { return }
    let namespace = stored.key.namespace.isEmpty ? "" : " in namespace \"\(stored.key.namespace)\""
    throw StatusError(
      code: 413, reason: "RequestEntityTooLarge",
      message: "etcdserver: request is too large: \(stored.key.resource) \"\(stored.key.name)\"\(namespace) "
        + "would be stored as \(stored.bytes.count) bytes, over the limit of \(maxObjectBytes)")
  }

  private func apply(put stored: StoredObject, previous: StoredObject?) {
    if previous == nil { sortedKeys[stored.key.resource] = nil }
    objects[stored.key.resource, default: [:]][stored.key] = stored
    Self.index(&dependents, dependentsOf: stored, previous: previous)
  }

  private func apply(delete current: StoredObject) {
    objects[current.key.resource]?[current.key] = nil
    sortedKeys[current.key.resource] = nil
    for uid in Self.ownerUIDs(current.value) { dependents[uid]?.remove(current.key) }
  }

  private static func index(
    _ dependents: inout [String: Set<ObjectKey>], dependentsOf object: StoredObject, previous: StoredObject?
  ) {
    let old = previous.map { Self.ownerUIDs($0.value) } ?? []
    let new = Self.ownerUIDs(object.value)
    guard old != new else { return }
    for uid in old.subtracting(new) { dependents[uid]?.remove(object.key) }
    for uid in new.subtracting(old) { dependents[uid, default: []].insert(object.key) }
  }

  private static func ownerUIDs(_ value: JSONValue) -> Set<String> {
    guard let references = value["metadata"]?["ownerReferences"]?.arrayValue else { return [] }
    return Set(references.compactMap { $0["uid"]?.stringValue })
  }

  /// The first index of sorted `keys` where `isBefore` stops holding.
  private static func bound(in keys: [ObjectKey], _ isBefore: (ObjectKey) -> Bool) -> Int {
    var low = 0
    var high = keys.count
    while low < high {
      let middle = (low + high) / 2
      if isBefore(keys[middle]) { low = middle + 1 } else { high = middle }
    }
    return low
  }

  private func orderedKeys(_ resource: GroupResource) -> [ObjectKey] {
    if let cached = sortedKeys[resource] { return cached }
    let keys = (objects[resource] ?? [:]).keys.sorted()
    sortedKeys[resource] = keys
    return keys
  }
}

/// What a watch stream carries: a change, or a request to write a bookmark at a revision.
enum WatchMessage: Sendable {
  case event(WatchEvent)
  case bookmark(Int64)
}

extension ObjectStore {
  /// Why a watch could not start.
  enum WatchStart: Error {
    case tooOld(requested: Int64, oldest: Int64)
    case shuttingDown
  }

  /// Starts a watch feeding `continuation`. With `fromRevision` nil the backlog is every selected
  /// object as ADDED; otherwise it is the changes after that revision, or `tooOld` when they have
  /// left the window. The backlog is returned rather than queued so the continuation's bound only
  /// limits live lag: a watcher that falls that far behind is cut off (its stream finishes) so a
  /// consumer that stops reading cannot grow the server's memory; it relists and watches again.
  func watch(
    _ filter: ObjectFilter, fromRevision: Int64?, into continuation: AsyncStream<WatchMessage>.Continuation
  ) throws(WatchStart) -> (backlog: [WatchEvent], id: Int, revision: Int64) {
    guard !watchesClosed else { throw .shuttingDown }
    var backlog: [WatchEvent] = []
    if let fromRevision {
      guard fromRevision >= windowStart else { throw .tooOld(requested: fromRevision, oldest: windowStart) }
      for event in window where event.object.revision > fromRevision {
        if let delivered = Self.deliverable(event, to: filter) { backlog.append(delivered) }
      }
    } else {
      backlog = list(filter).items.map { WatchEvent(kind: .added, object: $0, previous: nil) }
    }
    let id = nextWatcherID
    nextWatcherID += 1
    watchers[id] = Watcher(filter: filter, continuation: continuation)
    return (backlog, id, revision)
  }

  /// Ends every open watch, and every later one as it opens, so that a graceful shutdown does not
  /// wait for clients that would otherwise keep their watches for minutes.
  func closeWatches() {
    watchesClosed = true
    for watcher in watchers.values { watcher.continuation.finish() }
    watchers.removeAll()
  }

  /// Stops a watch and releases its buffer.
  func stopWatch(_ id: Int) {
    watchers.removeValue(forKey: id)?.continuation.finish()
  }

  /// How many watches are open.
  var watcherCount: Int { watchers.count }

  private func publish(_ event: WatchEvent) {
    window.append(event)
    windowBytes += event.retainedBytes
    // Oldest first, by count or by size; a watch from before `windowStart` then gets 410 Gone.
    while window.count > windowCapacity || windowBytes > windowByteLimit, let dropped = window.popFirst() {
      windowStart = dropped.object.revision
      windowBytes -= dropped.retainedBytes
    }
    for (id, watcher) in watchers {
      guard let delivered = Self.deliverable(event, to: watcher.filter) else { continue }
      switch watcher.continuation.yield(.event(delivered)) {
      case .enqueued: break
      case .dropped, .terminated:
        // Too far behind, or the client went away: forget the watcher; a live client relists.
        watchers.removeValue(forKey: id)
        watcher.continuation.finish()
      @unknown default: break
      }
    }
  }

  private static func deliverable(_ event: WatchEvent, to filter: ObjectFilter) -> WatchEvent? {
    guard event.object.key.resource == filter.resource else { return nil }
    let now = event.kind != .deleted && filter.matches(event.object)
    let before = event.previous.map { filter.matches(previous: $0, key: event.object.key) } ?? false
    switch (before, now) {
    case (true, true): return event
    case (false, true): return event.kind == .added ? event : event.retyped(.added)
    case (true, false): return event.kind == .deleted ? event : event.retyped(.deleted)
    case (false, false): return nil
    }
  }

  /// SQLite's integrity check of the journal ("ok" when sound).
  func integrityCheck() throws -> String { try journal.integrityCheck() }
}
