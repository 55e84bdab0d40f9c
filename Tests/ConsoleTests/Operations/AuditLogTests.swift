import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

@Suite("AuditLog")
struct AuditLogTests {
  @Test("a line holds time, action, object, change-id and result")
  func line() throws {
    let entry = AuditLog.Entry(
      time: Date(timeIntervalSince1970: 1_700_000_000.25), action: "scale", object: "default/aicluster/a",
      changeID: "c-1", error: nil)
    let value = try JSONParser.parse(Array(entry.line.utf8))
    #expect(
      value
        == [
          "time": "2023-11-14T22:13:20.250Z", "action": "scale", "object": "default/aicluster/a", "changeID": "c-1",
          "result": "ok",
        ])
    let failed = AuditLog.Entry(time: Date(), action: "scale", object: "o", changeID: nil, error: "refused")
    let failure = try JSONParser.parse(Array(failed.line.utf8))
    #expect(failure["result"] == "error")
    #expect(failure["message"] == "refused")
    #expect(failure["changeID"] == .null)
  }

  @Test("appends one line per entry to a file only its owner can read")
  func append() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let log = AuditLog(stateDirectory: directory)
    for action in ["scale", "rollback"] {
      try log.append(AuditLog.Entry(time: Date(), action: action, object: "o", changeID: "c", error: nil))
    }
    let lines = try String(contentsOf: log.url, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.last?.contains("\"action\":\"rollback\"") == true)
    let permissions = try FileManager.default.attributesOfItem(atPath: log.url.path)[.posixPermissions] as? Int
    #expect(permissions == 0o600)
  }
}
