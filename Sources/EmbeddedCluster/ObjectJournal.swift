/// Where the object store makes its writes durable: the whole state read once at start, then
/// each batch of writes committed together. `SQLiteJournal` is the one the server uses; tests put
/// a journal in front of it that holds or fails a commit, to see batches form and fail.
protocol ObjectJournal: Sendable {
  /// The last committed revision of the whole store.
  func revision() throws -> Int64
  /// Every stored object, in no particular order.
  func loadAll() throws -> [StoredObject]
  /// Commits the final state of every key a batch touched, with the batch's last revision, in one
  /// transaction: it returns once that transaction is durable, and throws with nothing written.
  /// It runs to the end even when the calling task is cancelled: other clients' writes share it.
  func commit(puts: [StoredObject], deletes: [ObjectKey], revision: Int64) async throws
  /// The result of the store's integrity check ("ok" when sound).
  func integrityCheck() throws -> String
}
