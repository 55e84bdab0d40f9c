import Synchronization

@testable import EmbeddedCluster

/// A journal in front of a real `SQLiteJournal` that can hold commits until released and fail the
/// next one, and remembers how many changes each commit carried, so tests can make batches form,
/// see them, and make one fail.
final class GatedJournal: ObjectJournal {
  let inner: SQLiteJournal
  private let state = Mutex(State())

  /// The failure a commit is made to throw.
  struct InjectedFailure: Error, CustomStringConvertible {
    var description: String { "disk I/O error (injected by the test)" }
  }

  private struct State {
    var holding = false
    var held: [CheckedContinuation<Void, Never>] = []
    var failNext = false
    var commitSizes: [Int] = []
    var durableRevision: Int64 = 0
  }

  init(path: String) throws { inner = try SQLiteJournal(path: path) }

  func revision() throws -> Int64 { try inner.revision() }
  func loadAll() throws -> [StoredObject] { try inner.loadAll() }
  func integrityCheck() throws -> String { try inner.integrityCheck() }

  func commit(puts: [StoredObject], deletes: [ObjectKey], revision: Int64) async throws {
    // Whether this commit fails is settled as it arrives, before any hold, so a test can hold one
    // commit and make the next one fail.
    let fail = state.withLock { state in
      defer { state.failNext = false }
      return state.failNext
    }
    await withCheckedContinuation { continuation in
      let proceed = state.withLock { state in
        guard state.holding else { return true }
        state.held.append(continuation)
        return false
      }
      if proceed { continuation.resume() }
    }
    if fail { throw InjectedFailure() }
    try await inner.commit(puts: puts, deletes: deletes, revision: revision)
    state.withLock { state in
      state.commitSizes.append(puts.count + deletes.count)
      state.durableRevision = revision
    }
  }

  /// Commits from now on wait until `release()`.
  func hold() { state.withLock { $0.holding = true } }

  /// Lets every held commit go on, and later ones pass.
  func release() {
    let held = state.withLock { state in
      state.holding = false
      defer { state.held.removeAll() }
      return state.held
    }
    for continuation in held { continuation.resume() }
  }

  /// The next commit to reach the journal throws `InjectedFailure` and writes nothing.
  func failNextCommit() { state.withLock { $0.failNext = true } }

  /// How many commits are waiting for `release()`.
  var heldCommits: Int { state.withLock { $0.held.count } }
  /// The number of changes in each commit that reached the database, in order.
  var commitSizes: [Int] { state.withLock { $0.commitSizes } }
  /// The revision of the last commit that reached the database.
  var durableRevision: Int64 { state.withLock { $0.durableRevision } }
}
