import ClusterClient
import Foundation
import KubeCore

/// The aiconsole side of the follow comparison, run as its own process
/// (`aiconsole-bench follow KUBECONFIG`) so that its CPU is measured as kubectl's is: the
/// console's own informer (ClusterClient's `Informer`: list in pages of 500, then watch, every
/// event applied to its cache) on AIClusters in all namespaces, writing one line per event in
/// `kubectl get -w -o name`'s form, so that both are counted the same way, from their output.
enum InformerFollower {
  /// The benchmark binary's argument that selects this mode.
  static let command = "follow"

  /// Follows until killed.
  static func run(kubeconfig: String) async throws {
    let client = try KubeClient(configuration: try .load(kubeconfig: kubeconfig))
    let informer = Informer(client: client, resource: ClientBenchmarks.aiclusters)
    let events = await informer.events()
    try await withThrowingDiscardingTaskGroup { group in
      group.addTask { await informer.run() }
      for await event in events {
        guard let name = event.object?[path: ["metadata", "name"]]?.stringValue else { continue }
        // One write per event, as kubectl's unbuffered standard output does.
        FileHandle.standardOutput.write(Data("aicluster.ai.aiconsole.dev/\(name)\n".utf8))
      }
    }
  }

  /// The command line that starts the follower from this benchmark binary.
  static func argv(kubeconfig: String) -> [String] {
    [URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path, command, kubeconfig]
  }
}
