import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("endpoints.json")
struct EndpointsFileTests {
  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-endpoints-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test("components publishing at the same moment all keep their entries (serve --demo kept its gateway)")
  func concurrentPublishers() throws {
    for _ in 0..<5 {
      let directory = try Self.directory()
      try EndpointsFile.replace(with: ["apiServer": "https://127.0.0.1:6443"], in: directory)
      DispatchQueue.concurrentPerform(iterations: 24) { index in
        try? EndpointsFile.publish("component-\(index)", url: "http://127.0.0.1:\(9000 + index)", in: directory)
      }
      let entries = EndpointsFile.read(directory)
      #expect(entries.objectValue?.count == 25)
      for index in 0..<24 {
        #expect(EndpointsFile.url("component-\(index)", in: directory) == "http://127.0.0.1:\(9000 + index)")
      }
      #expect(EndpointsFile.url("apiServer", in: directory) == "https://127.0.0.1:6443")
    }
  }

  @Test("a writer in another process holding the lock makes a publisher wait, and nothing is lost")
  func waitsForAnotherProcess() throws {
    let directory = try Self.directory()
    // flock locks belong to an open file, so this lock stands for one taken in another process.
    let lock = try FileLock(path: directory.appendingPathComponent("endpoints.json.lock").path)
    let finished = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      try? EndpointsFile.publish("gateway", url: "http://127.0.0.1:8080", in: directory)
      finished.signal()
    }
    #expect(finished.wait(timeout: .now() + 0.3) == .timedOut)
    try PrivateFile.write(
      #"{"apiServer":"https://127.0.0.1:6443"}"# + "\n", to: directory.appendingPathComponent("endpoints.json"))
    lock.release()
    #expect(finished.wait(timeout: .now() + 10) == .success)
    #expect(EndpointsFile.url("apiServer", in: directory) == "https://127.0.0.1:6443")
    #expect(EndpointsFile.url("gateway", in: directory) == "http://127.0.0.1:8080")
  }

  @Test("the file is private (0600) and a new start replaces every entry")
  func privateAndReplaced() throws {
    let directory = try Self.directory()
    try EndpointsFile.publish("gateway", url: "http://127.0.0.1:8080", in: directory)
    try EndpointsFile.replace(with: ["apiServer": "https://127.0.0.1:6443"], in: directory)
    let path = directory.appendingPathComponent("endpoints.json").path
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(EndpointsFile.read(directory) == ["apiServer": "https://127.0.0.1:6443"])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
  }
}
