import ClusterClient
import Foundation
import KubeCore
import Testing

/// Two servers on one state directory once both started, handed out the same resourceVersions and
/// lost acknowledged writes. The first now holds the directory for its life: a second exits at
/// once naming it, the first keeps serving, and once the first is gone the directory is free.
@Suite("state directory lock", .timeLimit(.minutes(5)))
struct StateDirectoryLockTests {
  static let namespaces = APIResource(
    group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false)

  @Test("a second serve on the same directory exits at once naming the first; the first keeps serving")
  func secondServeRefused() async throws {
    let directory = ServeProcess.temporaryDirectory("lock")
    let first = ServeProcess(stateDirectory: directory, arguments: ["--no-controller", "--no-gateway"])
    try first.start()
    defer { first.stop() }
    let pid = first.process.processIdentifier

    let clock = ContinuousClock()
    let start = clock.now
    let second = try runCommand(
      ServeProcess.binary, ["serve", "--state-dir", directory.path, "--no-controller", "--no-gateway"])
    let refusedIn = clock.now - start
    #expect(second.status != 0)
    #expect(second.stderr.contains("is in use by pid \(pid) ("), "\(second.stderr)")
    #expect(second.stderr.contains("serve --state-dir \(directory.path)"), "\(second.stderr)")
    #expect(second.stderr.contains("--kubeconfig \(directory.path)/kubeconfig"), "\(second.stderr)")
    #expect(!second.stdout.contains("ready "))
    #expect(refusedIn < .seconds(10), "the refusal took \(refusedIn)")

    // The first still answers, and its writes land.
    let client = try KubeClient(configuration: try ClusterConfiguration.load(kubeconfig: first.kubeconfig))
    _ = try await client.create(
      Self.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "after-refusal"]])
    try await client.shutdown()
    #expect(first.process.isRunning)

    Self.report(["scenario": "second serve on one state directory", "refused_ms": .int(refusedIn.lockMilliseconds)])

    // Once the first has stopped, the directory is free again.
    first.stop()
    let third = ServeProcess(stateDirectory: directory, arguments: ["--no-controller", "--no-gateway"])
    try third.start()
    defer { third.stop() }
    let reopened = try KubeClient(configuration: try ClusterConfiguration.load(kubeconfig: third.kubeconfig))
    let kept = try await reopened.get(Self.namespaces, name: "after-refusal")
    #expect(kept[path: ["metadata", "name"]] == "after-refusal")
    try await reopened.shutdown()
  }

  @Test("a killed server leaves the directory free: the kernel drops its lock")
  func killedServerFreesTheDirectory() throws {
    let directory = ServeProcess.temporaryDirectory("lock-kill")
    let first = ServeProcess(stateDirectory: directory, arguments: ["--no-controller", "--no-gateway"])
    try first.start()
    first.kill()
    let second = ServeProcess(stateDirectory: directory, arguments: ["--no-controller", "--no-gateway"])
    try second.start()
    second.stop()
  }

  static func report(_ figures: JSONValue) { WriteLoadTests.report(figures) }
}

extension Duration {
  /// Whole milliseconds.
  fileprivate var lockMilliseconds: Int64 {
    components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
  }
}
