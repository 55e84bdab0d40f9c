import ArgumentParser
import ClusterClient
import EmbeddedCluster
import Foundation
import Views

/// `aiconsole` (the default command): the full-screen console, on the cluster the kubeconfig
/// names, or on the embedded control plane (with the demo) when there is no kubeconfig or
/// `--embedded` is given.
struct ConsoleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "console", abstract: "The full-screen console (the default command).")

  @Flag(help: "Run on the embedded control plane even when a kubeconfig is found.")
  var embedded = false

  @OptionGroup var cluster: ClusterOptions

  @Option(help: "State directory of the embedded world (default: $XDG_STATE_HOME/aiconsole).")
  var stateDir: String?

  @Option(help: "Read metrics from this Prometheus server's HTTP API.")
  var prometheus: String?

  @Option(name: .customLong("metrics-url"), help: "A Prometheus text endpoint to scrape (repeatable).")
  var metricsURLs: [String] = []

  @Option(help: "Theme: a name (built in, or a YAML file in ~/.config/aiconsole/themes) or a theme file's path.")
  var theme = "default"

  @Flag(help: "Refuse every change to the cluster.")
  var readonly = false

  @Flag(inversion: .prefixedNo, help: "Seed and drive the demo application in the embedded world.")
  var demo = true

  func run() async throws {
    guard isatty(0) == 1, isatty(1) == 1 else {
      throw CommandFailure(
        message: "the console needs a terminal on standard input and output; "
          + "without one use `aiconsole serve`, `aiconsole get` or `aiconsole controller`")
    }
    let environment = ProcessInfo.processInfo.environment
    let (theme, themeError) = ThemeLoader(environment: environment).load(theme)
    if let themeError { JSONLineLogHandler.writeToStandardError(Array("warning: \(themeError)\n".utf8)) }
    let directory = stateDirectory(environment)
    var world = try chooseWorld(environment)
    if case .embedded = world, let inUse = StateDirectoryLock.inUse(directory) { world = try attach(inUse) }
    let diagnostics = try StandardErrorRedirect(to: directory.appendingPathComponent("console.log"))
    let launch = ConsoleLaunch(
      world: world, stateDirectory: directory, demo: demo, prometheus: prometheus, metricsURLs: metricsURLs,
      namespace: cluster.namespace)
    let code = await launch.run(theme: theme, themeError: themeError, readOnly: readonly)
    diagnostics.restore()
    if code != 0, let failure = launch.failure {
      JSONLineLogHandler.writeToStandardError(Array("error: \(failure)\n".utf8))
    }
    if code != 0 { throw ExitCode(code) }
  }

  /// The cluster the options and the environment name, or the embedded world.
  func chooseWorld(_ environment: [String: String]) throws -> ConsoleLaunch.Target {
    if embedded { return .embedded }
    if cluster.kubeconfig == nil, cluster.context == nil,
      Kubeconfig.locate(explicitPath: nil, environment: environment).isEmpty
    {
      return .embedded
    }
    return .cluster(try cluster.configuration())
  }

  /// The embedded world when another process (`aiconsole serve`, or another console) already serves
  /// its state directory: the console connects to that server through the kubeconfig it wrote, as
  /// `--kubeconfig` would, instead of failing, and says so on standard error, where the line stays
  /// once the screen closes. Two servers on one store would lose writes, so starting one is no option.
  func attach(_ inUse: StateDirectoryLock.InUse) throws -> ConsoleLaunch.Target {
    let kubeconfig = inUse.directory.appendingPathComponent("kubeconfig").path
    let configuration: ClusterConfiguration
    do {
      configuration = try Kubeconfig.load(explicitPath: kubeconfig).configuration(
        context: cluster.context, namespace: cluster.namespace)
    } catch {
      throw CommandFailure(message: "\(inUse); it has no usable kubeconfig yet (\(error))")
    }
    let holder = inUse.holder.map(String.init(describing:)) ?? "another process"
    let notice =
      "aiconsole: \(inUse.directory.path) is served by \(holder); attaching to it "
      + "(as `aiconsole --kubeconfig \(kubeconfig)` would)\n"
    JSONLineLogHandler.writeToStandardError(Array(notice.utf8))
    return .cluster(configuration)
  }

  /// `--state-dir`, else `$XDG_STATE_HOME/aiconsole`, else `~/.local/state/aiconsole`; created 0700.
  func stateDirectory(_ environment: [String: String]) -> URL {
    let path =
      stateDir ?? (environment["XDG_STATE_HOME"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"))
      + "/aiconsole"
    try? FileManager.default.createDirectory(
      atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    return URL(fileURLWithPath: path, isDirectory: true)
  }
}

/// Sends this process's standard error to a file while the screen is up: a stray warning from a
/// library would otherwise scribble over the frame. `restore()` puts the terminal back.
struct StandardErrorRedirect {
  private let saved: Int32

  init(to file: URL) throws {
    let fd = open(file.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    guard fd >= 0 else { throw CommandFailure(message: "cannot open \(file.path) for the console's diagnostics") }
    saved = dup(2)
    dup2(fd, 2)
    close(fd)
  }

  func restore() {
    dup2(saved, 2)
    close(saved)
  }
}
