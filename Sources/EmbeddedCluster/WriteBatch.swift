import KubeCore

/// Writes that share one journal transaction (group commit). Each is decided in arrival order
/// against the store as the writes before it in the batch leave it, and takes the next revision,
/// so revisions follow commit order; nothing in a batch is visible to readers or watchers until
/// the whole batch is durable.
struct WriteBatch {
  /// One decided change, in revision order.
  struct Change {
    /// The object as stored (for a delete, the deleted object at the deletion's revision).
    var stored: StoredObject
    /// The object before this change.
    var previous: StoredObject?
    var isDelete: Bool
  }

  /// What a write in the batch came to, before the batch is committed.
  enum Staged {
    /// A change the batch will commit; its answer is the stored object.
    case changed(StoredObject)
    /// Nothing to commit (unchanged, or a delete of nothing): the object as it stands.
    case unchanged(StoredObject?, readBatch: Bool)
    /// Refused by its own checks (a conflict, an invalid object): it fails alone and the batch
    /// goes on without it.
    case refused(any Error, readBatch: Bool)

    /// The write's answer once the batch's commit has ended with `failure` (nil: it committed).
    /// A change fails with its batch; so does an answer that read the batch's uncommitted state,
    /// which the failure took back.
    func answer(afterCommitFailure failure: (any Error)?) -> Result<StoredObject?, any Error> {
      switch self {
      case .changed(let stored): failure.map { .failure($0) } ?? .success(stored)
      case .unchanged(let current, let readBatch):
        if let failure, readBatch { .failure(failure) } else { .success(current) }
      case .refused(let error, let readBatch):
        if let failure, readBatch { .failure(failure) } else { .failure(error) }
      }
    }
  }

  /// The store's revision before the batch.
  let baseRevision: Int64
  private(set) var changes: [Change] = []
  /// The latest state of each key the batch changed (nil: deleted).
  private var latest: [ObjectKey: StoredObject?] = [:]

  init(after revision: Int64) { baseRevision = revision }

  var isEmpty: Bool { changes.isEmpty }
  /// The revision the batch's last change takes (the base when it has none).
  var lastRevision: Int64 { baseRevision + Int64(changes.count) }

  /// The object at `key` as the batch so far leaves it, and whether the batch changed it.
  func current(_ key: ObjectKey, committed: StoredObject?) -> (object: StoredObject?, fromBatch: Bool) {
    guard let staged = latest[key] else { return (committed, false) }
    return (staged, true)
  }

  /// Adds a put of `value` at the next revision, unless `check` refuses the object as it would be
  /// stored; returns the object as stored.
  mutating func put(
    _ key: ObjectKey, _ value: JSONValue, previous: StoredObject?, check: (StoredObject) throws(StatusError) -> Void
  ) throws(StatusError) -> StoredObject {
    var value = value
    let revision = lastRevision + 1
    value.set(.string(String(revision)), at: ["metadata", "resourceVersion"])
    let stored = StoredObject(key: key, value: value, revision: revision)
    try check(stored)
    changes.append(Change(stored: stored, previous: previous, isDelete: false))
    latest[key] = .some(stored)
    return stored
  }

  /// Adds a delete of `current` at the next revision; returns the tombstone (the deleted object
  /// stamped with the deletion's revision).
  mutating func delete(_ current: StoredObject) -> StoredObject {
    let revision = lastRevision + 1
    var value = current.value
    value.set(.string(String(revision)), at: ["metadata", "resourceVersion"])
    let tombstone = StoredObject(key: current.key, value: value, revision: revision)
    changes.append(Change(stored: tombstone, previous: current, isDelete: true))
    latest[current.key] = .some(nil)
    return tombstone
  }

  /// The final state of every key the batch touched: what the journal writes.
  var puts: [StoredObject] { latest.values.compactMap { $0 } }
  var deletes: [ObjectKey] { latest.compactMap { $0.value == nil ? $0.key : nil } }
}
