import Foundation

/// A program aiconsole is measured against, and the Debian package that provides it: a missing
/// peer turns into a row that says so and a progress line with the command that installs it,
/// never into a failed run.
struct PeerTool: Sendable {
  /// How the report names it.
  let name: String
  /// Where Debian installs it.
  let path: String
  /// The Debian package.
  let package: String
  /// The arguments that make it print its version.
  let versionArguments: [String]

  static let kubectl = PeerTool(
    name: "kubectl", path: "/usr/bin/kubectl", package: "kubernetes-client", versionArguments: ["version", "--client"])
  static let promtool = PeerTool(
    name: "promtool", path: "/usr/bin/promtool", package: "prometheus", versionArguments: ["--version"])
  static let jq = PeerTool(name: "jq", path: "/usr/bin/jq", package: "jq", versionArguments: ["--version"])
  static let grep = PeerTool(name: "grep", path: "/usr/bin/grep", package: "grep", versionArguments: ["--version"])

  /// Whether it is installed.
  var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

  /// What the report says in place of the peer's figure when it is missing.
  var missingText: String { "\(name) not installed (apt-get install -y \(package))" }

  /// Prints how to install it; returns `missingText`.
  func reportMissing() -> String {
    progress("\(name) is missing, so its comparison is left out; to measure it: apt-get install -y \(package)")
    return missingText
  }

  /// The first line of its version output, or "unknown version".
  func version() async -> String {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-bench-version-\(name)-\(getpid())"
    ).path
    defer { try? FileManager.default.removeItem(atPath: output) }
    guard (try? await ChildProcess.run([path] + versionArguments, standardOutput: output)) != nil
    else { return "unknown version" }
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown version"
  }
}
