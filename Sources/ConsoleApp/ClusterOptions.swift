import ArgumentParser
import ClusterClient
import Foundation

/// The options that pick a cluster, as kubectl spells them.
struct ClusterOptions: ParsableArguments {
  @Option(help: "Path to the kubeconfig file (default: KUBECONFIG, else ~/.kube/config).")
  var kubeconfig: String?

  @Option(help: "The kubeconfig context to use.")
  var context: String?

  @Option(name: [.customShort("n"), .long], help: "The namespace (default: the context's).")
  var namespace: String?

  /// The pod's service account when `inCluster` (for the controller and gateway in a cluster),
  /// else the kubeconfig these options name.
  func configuration(inCluster: Bool) throws -> ClusterConfiguration {
    guard inCluster else { return try configuration() }
    do {
      return try ClusterConfiguration.inCluster()
    } catch {
      throw CommandFailure(message: "\(error)")
    }
  }

  /// The configuration these options name; a bad kubeconfig becomes a message naming file and field.
  func configuration() throws -> ClusterConfiguration {
    do {
      return try Kubeconfig.load(explicitPath: kubeconfig).configuration(context: context, namespace: namespace)
    } catch {
      throw CommandFailure(message: "\(error)")
    }
  }
}

/// A failure to report as kubectl does: `error: …` on standard error and exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { "error: \(message)" }
}
