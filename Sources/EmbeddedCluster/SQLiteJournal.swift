import Foundation
import GRDB
import KubeCore

/// The durable half of the store: every batch of writes is one SQLite transaction in WAL mode,
/// committed before any write in it is acknowledged, so a write the server acknowledged survives
/// `kill -9`.
final class SQLiteJournal: ObjectJournal {
  private let queue: DatabaseQueue

  /// Opens (creating if needed) the database at `path`.
  init(path: String) throws {
    var configuration = Configuration()
    configuration.journalMode = .wal
    // A server restarted on the same directory may open the file while the previous one is still
    // closing it; wait for its lock instead of failing to start.
    configuration.busyMode = .timeout(10)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
    queue = try DatabaseQueue(path: path, configuration: configuration)
    try queue.write { db in
      try db.execute(
        sql: """
          CREATE TABLE IF NOT EXISTS objects (
            resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
            revision INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (resource, namespace, name));
          CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
          """)
    }
  }

  /// The last committed revision of the whole store.
  func revision() throws -> Int64 {
    try queue.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'revision'") ?? 0 }
  }

  /// Every stored object, in no particular order.
  func loadAll() throws -> [StoredObject] {
    try queue.read { db in
      let rows = try Row.fetchCursor(db, sql: "SELECT resource, namespace, name, revision, data FROM objects")
      var result: [StoredObject] = []
      while let row = try rows.next() {
        let resourceText: String = row[0]
        let parts = resourceText.split(separator: "|", omittingEmptySubsequences: false)
        let resource = GroupResource(group: String(parts[0]), resource: String(parts.count > 1 ? parts[1] : ""))
        let data: Data = row[4]
        let bytes = [UInt8](data)
        let key = ObjectKey(resource: resource, namespace: row[1], name: row[2])
        result.append(StoredObject(key: key, value: try JSONParser.parse(bytes), bytes: bytes, revision: row[3]))
      }
      return result
    }
  }

  /// Commits a batch's puts and deletes together with the store's new revision, as one SQLite
  /// transaction on the queue's own thread, so the store keeps taking writes for the next batch
  /// meanwhile. GRDB's async `write` would roll the transaction back when the calling task is
  /// cancelled (a client that hung up), failing every other write in the batch with it; its
  /// completion-handler form runs to the end whatever the caller does.
  func commit(puts: [StoredObject], deletes: [ObjectKey], revision: Int64) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
      queue.asyncWrite({ db in try Self.write(puts: puts, deletes: deletes, revision: revision, in: db) }) {
        _, result in
        continuation.resume(with: result)
      }
    }
  }

  /// The statements of one commit; prepared once per connection and reused, since a batch runs
  /// the same three for every write.
  private static func write(puts: [StoredObject], deletes: [ObjectKey], revision: Int64, in db: Database) throws {
    if !puts.isEmpty {
      let insert = try db.cachedStatement(
        sql: "INSERT OR REPLACE INTO objects (resource, namespace, name, revision, data) VALUES (?, ?, ?, ?, ?)")
      for object in puts {
        try insert.execute(arguments: [
          resourceColumn(object.key.resource), object.key.namespace, object.key.name, object.revision,
          Data(object.bytes),
        ])
      }
    }
    if !deletes.isEmpty {
      let delete = try db.cachedStatement(sql: "DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?")
      for key in deletes {
        try delete.execute(arguments: [resourceColumn(key.resource), key.namespace, key.name])
      }
    }
    try db.cachedStatement(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('revision', ?)")
      .execute(arguments: [revision])
  }

  /// The result of SQLite's `PRAGMA integrity_check` ("ok" when sound).
  func integrityCheck() throws -> String {
    try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
  }

  private static func resourceColumn(_ resource: GroupResource) -> String { "\(resource.group)|\(resource.resource)" }
}
