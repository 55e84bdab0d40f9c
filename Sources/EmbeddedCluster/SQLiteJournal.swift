import Foundation
import GRDB
import KubeCore

/// The durable half of the store: every committed write is one SQLite transaction in WAL mode,
/// so a write the server acknowledged survives `kill -9`.
final class SQLiteJournal: Sendable {
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

  /// Commits a batch of puts and deletes together with the new store revision.
  func commit(puts: [StoredObject], deletes: [ObjectKey], revision: Int64) throws {
    try queue.write { db in
      for object in puts {
        try db.execute(
          sql: "INSERT OR REPLACE INTO objects (resource, namespace, name, revision, data) VALUES (?, ?, ?, ?, ?)",
          arguments: [
            Self.resourceColumn(object.key.resource), object.key.namespace, object.key.name, object.revision,
            Data(object.bytes),
          ])
      }
      for key in deletes {
        try db.execute(
          sql: "DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?",
          arguments: [Self.resourceColumn(key.resource), key.namespace, key.name])
      }
      try db.execute(
        sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('revision', ?)", arguments: [revision])
    }
  }

  /// The result of SQLite's `PRAGMA integrity_check` ("ok" when sound).
  func integrityCheck() throws -> String {
    try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
  }

  private static func resourceColumn(_ resource: GroupResource) -> String { "\(resource.group)|\(resource.resource)" }
}
