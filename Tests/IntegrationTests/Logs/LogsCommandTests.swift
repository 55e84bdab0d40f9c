import ClusterClient
import Foundation
import KubeCore
import Testing

/// `aiconsole logs`, the real binary against `aiconsole serve`, reading lines written through the
/// pod log API to component and instance pods.
@Suite("aiconsole logs against aiconsole serve", .timeLimit(.minutes(2)))
struct LogsCommandTests {
  static let pods = APIResource(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true)

  static func line(_ millis: Int, _ id: String, _ msg: String, level: String = "info") -> String {
    #"{"ts":"2026-11-30T10:00:00.\#(millis)Z","level":"\#(level)","msg":"\#(msg)","correlation_id":"\#(id)"}"#
  }

  static func createPod(_ client: KubeClient, _ namespace: String, _ name: String, labels: JSONValue = .emptyObject)
    async throws
  {
    let pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": labels],
      "spec": ["containers": [["name": "app", "image": "app:1"]]],
    ]
    var created = try await client.create(pods, pod)
    // Created Pending, as on a real cluster; a pod with logs is one a kubelet reported Running.
    created["status"] = ["phase": "Running"]
    _ = try await client.update(pods, created, subresource: "status")
  }

  /// A server with no controller or gateway of its own, and lines of two IDs in two component pods
  /// and one instance pod.
  static func withServer(_ body: (ServeProcess) async throws -> Void) async throws {
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("logs"), arguments: ["--no-controller", "--no-gateway"])
    try server.start()
    defer { server.stop() }
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfig))
    do {
      try await createPod(client, "aiconsole-system", "aiconsole-gateway")
      try await createPod(client, "aiconsole-system", "aiconsole-controller")
      try await createPod(client, "default", "llama-0", labels: ["ai.aiconsole.dev/cluster": "llama"])
      try await client.appendPodLog(
        namespace: "aiconsole-system", pod: "aiconsole-gateway",
        lines: [line(100, "req-9", "routed"), line(400, "req-8", "other", level: "warn")])
      try await client.appendPodLog(
        namespace: "aiconsole-system", pod: "aiconsole-controller", lines: [line(200, "req-8", "reconciled")])
      try await client.appendPodLog(namespace: "default", pod: "llama-0", lines: [line(300, "req-9", "served")])
      try await client.shutdown()
    } catch {
      try? await client.shutdown()
      throw error
    }
    try await body(server)
  }

  static func logs(_ arguments: [String], _ server: ServeProcess) throws -> CommandResult {
    try runCommand(ServeProcess.binary, ["logs"] + arguments + ["--kubeconfig", server.kubeconfig])
  }

  @Test("prints one correlation ID's lines from components and instances, in time order, as JSON or text")
  func byCorrelationID() async throws {
    try await Self.withServer { server in
      let json = try Self.logs(["--correlation-id", "req-9", "-o", "json"], server)
      #expect(json.status == 0, "\(json.stderr)")
      #expect(
        json.stdout
          == String(Self.line(100, "req-9", "routed").dropLast()) + #","source":"aiconsole-system/aiconsole-gateway"}"#
          + "\n" + String(Self.line(300, "req-9", "served").dropLast()) + #","source":"default/llama-0"}"# + "\n")
      let text = try Self.logs(["--correlation-id", "req-9"], server)
      #expect(
        text.stdout
          == "2026-11-30T10:00:00.100Z aiconsole-gateway info routed correlation_id=req-9\n"
          + "2026-11-30T10:00:00.300Z default/llama-0 info served correlation_id=req-9\n")
    }
  }

  @Test("without an ID prints the components' lines only, and takes more filter terms")
  func components() async throws {
    try await Self.withServer { server in
      let all = try Self.logs(["-o", "text"], server)
      #expect(all.status == 0, "\(all.stderr)")
      let messages = all.stdout.split(separator: "\n").map { $0.split(separator: " ")[3] }
      #expect(messages == ["routed", "reconciled", "other"])
      let warnings = try Self.logs(["--filter", "level>=warn"], server)
      #expect(warnings.stdout.split(separator: "\n").count == 1)
      #expect(warnings.stdout.contains("other"))
    }
  }

  @Test("with --follow prints new lines of new pods until stopped")
  func follows() async throws {
    try await Self.withServer { server in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: ServeProcess.binary)
      process.arguments = ["logs", "--correlation-id", "req-9", "-f", "--kubeconfig", server.kubeconfig]
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = FileHandle.nullDevice
      try process.run()
      defer {
        process.terminate()
        process.waitUntilExit()
      }
      let output = OutputCollector(pipe.fileHandleForReading)
      #expect(output.wait(for: "llama-0 info served"), "\(output.text)")
      let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfig))
      try await Self.createPod(client, "default", "llama-1", labels: ["ai.aiconsole.dev/cluster": "llama"])
      try await client.appendPodLog(
        namespace: "default", pod: "llama-1",
        lines: [Self.line(500, "req-8", "other"), Self.line(600, "req-9", "late")])
      try await client.shutdown()
      #expect(output.wait(for: "default/llama-1 info late"), "\(output.text)")
      #expect(!output.text.contains("other"))
    }
  }

  @Test("errors are kubectl-shaped")
  func errors() async throws {
    let missing = try runCommand(ServeProcess.binary, ["logs", "--kubeconfig", "/nonexistent/config"])
    #expect(missing.status == 1)
    #expect(missing.stderr == "error: kubeconfig /nonexistent/config: no such file\n")
    let pattern = try runCommand(
      ServeProcess.binary, ["logs", "--filter", "/(/", "--kubeconfig", "/nonexistent/config"])
    #expect(pattern.status == 1)
    #expect(pattern.stderr.hasPrefix("error: invalid regular expression /(/"))
    let format = try runCommand(ServeProcess.binary, ["logs", "-o", "yaml"])
    #expect(format.status != 0)
    #expect(format.stderr.contains("unknown output format \"yaml\": use json or text"))
  }
}

/// A child's standard output, collected on its own thread as it comes, so a test can wait for a
/// line without blocking on a pipe that may stay open.
final class OutputCollector: @unchecked Sendable {
  // `collected` is read and written only while holding `lock`.
  private let lock = NSLock()
  private var collected = ""

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      while case let chunk = handle.availableData, !chunk.isEmpty {
        lock.withLock { collected += String(decoding: chunk, as: UTF8.self) }
      }
    }
  }

  /// Everything read so far.
  var text: String { lock.withLock { collected } }

  /// Waits up to `seconds` for `needle` to appear.
  func wait(for needle: String, seconds: Double = 30) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if text.contains(needle) { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return false
  }
}
