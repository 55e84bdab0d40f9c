import ArgumentParser
import ClusterClient
import Foundation

/// The options every operation command shares: the cluster, read-only mode and where the audit
/// log is kept.
struct OperationOptions: ParsableArguments {
  @OptionGroup var cluster: ClusterOptions

  @Flag(help: "Refuse every change to the cluster.")
  var readonly = false

  @Option(help: "Directory of the audit log audit.jsonl (default: $XDG_STATE_HOME/aiconsole).")
  var stateDir: String?

  /// `--state-dir`, else `$XDG_STATE_HOME/aiconsole`, else `~/.local/state/aiconsole`.
  func stateDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
    let base = environment["XDG_STATE_HOME"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
    return URL(fileURLWithPath: stateDir ?? base + "/aiconsole", isDirectory: true)
  }

  /// Runs `body` with operations on the chosen cluster and namespace; an operation's failure
  /// becomes kubectl's `error: …` and exit status 1.
  func run(_ body: (ClusterOperations) async throws -> Void) async throws {
    let configuration = try cluster.configuration()
    let client = try KubeClient(configuration: configuration.identified(as: "operations"))
    let operations = ClusterOperations(
      client: client, namespace: configuration.namespace, readOnly: readonly,
      audit: AuditLog(stateDirectory: stateDirectory()))
    do {
      try await body(operations)
      try? await client.shutdown()
    } catch {
      try? await client.shutdown()
      if error is CommandFailure || error is ExitCode { throw error }
      throw CommandFailure(message: "\(error)")
    }
  }

  /// Prints what an operation did: its summary, each changed field, and the change-id.
  static func report(_ result: OperationResult, fields: Bool = false) {
    var lines = [result.summary]
    if fields { lines += result.changes.map { "  \($0)" } }
    lines.append("change-id: \(result.changeID)")
    StandardOutput.write(lines: lines)
  }
}
