import ClusterClient
import Foundation
import KubeCore
import Testing

/// A stream of changes to one large object once grew `aiconsole serve` without bound (600 merge
/// patches of a 2 MB ConfigMap: 62 MB to 3.5 GB) because the watch window kept every version. Now
/// the window is bounded by bytes: the server's peak memory stays near its start plus the bound,
/// and a watch from a change the bound pushed out gets 410 Gone. `make test` runs a scaled run
/// (120 patches of 512 KB, a 16 MiB bound); `make soak` the real size (600 patches of 1 MB at the
/// default 256 MiB bound; 1 MB because ConfigMap data is limited to 1 MiB).
@Suite("watch window memory", .timeLimit(.minutes(10)))
struct WatchWindowMemoryTests {
  struct Run {
    var patches: Int
    var objectBytes: Int
    /// nil: the server's default.
    var bound: Int?

    static var current: Run {
      ProcessInfo.processInfo.environment["AICONSOLE_SOAK"] == "1"
        ? Run(patches: 600, objectBytes: 1_000_000, bound: nil)
        : Run(patches: 120, objectBytes: 512 << 10, bound: 16 << 20)
    }

    var effectiveBound: Int { bound ?? 256 << 20 }
  }

  static let configMaps = APIResource(group: "", version: "v1", name: "configmaps", kind: "ConfigMap", namespaced: true)

  @Test func patchesOfALargeObjectStayWithinTheBound() async throws {
    let run = Run.current
    let directory = ServeProcess.temporaryDirectory("watch-memory")
    var arguments = ["--no-controller", "--no-gateway"]
    if let bound = run.bound { arguments += ["--watch-cache-bytes", String(bound)] }
    let server = ServeProcess(stateDirectory: directory, arguments: arguments)
    try server.start()
    defer { server.stop() }
    let pid = server.process.processIdentifier
    let client = try KubeClient(configuration: try ClusterConfiguration.load(kubeconfig: server.kubeconfig))
    defer { Task { try? await client.shutdown() } }

    _ = try await client.create(
      Self.configMaps,
      ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "big", "namespace": "default"], "data": [:]],
      namespace: "default")
    let startMemory = try Self.memory(of: pid)
    var revisions: [String] = []
    let clock = ContinuousClock()
    let start = clock.now
    for index in 0..<run.patches {
      let patched = try await client.patch(
        Self.configMaps, name: "big", namespace: "default",
        .merge(["data": ["payload": .string(Self.payload(index, size: run.objectBytes))]]))
      revisions.append(patched[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")
    }
    let elapsed = clock.now - start
    let endMemory = try Self.memory(of: pid)

    // Peak resident memory, not just the end: what the old window kept it never gave back.
    let growth = endMemory.peak - startMemory.resident
    let written = run.patches * run.objectBytes
    let allowed = 3 * run.effectiveBound + (64 << 20)
    #expect(growth < allowed, "peak grew by \(growth >> 20) MiB over \(written >> 20) MiB written")

    let (status, body) = try await client.send(
      .GET, "/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=5&resourceVersion=\(revisions[0])")
    let frame = try JSONParser.parse(body.prefix { $0 != UInt8(ascii: "\n") })
    #expect(status == 200)
    #expect(frame["type"] == "ERROR")
    #expect(frame[path: ["object", "code"]] == 410)

    WriteLoadTests.report([
      "scenario": .string("watch window: \(run.patches) merge patches of a \(run.objectBytes >> 10) KiB ConfigMap"),
      "bound_mib": .int(Int64(run.effectiveBound >> 20)), "written_mib": .int(Int64(written >> 20)),
      "rss_start_mib": .int(Int64(startMemory.resident >> 20)), "rss_end_mib": .int(Int64(endMemory.resident >> 20)),
      "rss_peak_mib": .int(Int64(endMemory.peak >> 20)), "seconds": .double((elapsed.secondsValue * 10).rounded() / 10),
      "evicted_watch": "410",
    ])
  }

  /// A payload of `size` bytes that differs for every `index`.
  static func payload(_ index: Int, size: Int) -> String {
    String(repeating: Character(UnicodeScalar(UInt8(97 + index % 26))), count: size - 8)
      + String(format: "%08d", index)
  }

  /// Resident and peak resident memory of a process, in bytes (Linux `/proc/PID/status`).
  static func memory(of pid: Int32) throws -> (resident: Int, peak: Int) {
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    func field(_ name: String) -> Int {
      let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
      return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
    return (field("VmRSS"), field("VmHWM"))
  }
}

extension Duration {
  fileprivate var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
