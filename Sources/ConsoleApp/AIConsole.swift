import ArgumentParser
import Foundation

/// The `aiconsole` executable: the console and the commands that run its parts headless.
@main
struct AIConsole: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aiconsole",
    abstract: "A keyboard-driven console for AI workloads on Kubernetes.",
    subcommands: [ServeCommand.self, CRDsCommand.self, UIDemoCommand.self])

  /// Unblocks signals first, so that every thread started afterwards inherits the open mask.
  static func main() async {
    unblockSignals()
    await main(nil)
  }

  /// Signals may arrive blocked from a parent (swift-corelibs-foundation#4772); clear the mask
  /// so SIGINT and SIGTERM reach the graceful-shutdown handlers.
  static func unblockSignals() {
    var empty = sigset_t()
    sigemptyset(&empty)
    sigprocmask(SIG_SETMASK, &empty, nil)
  }
}
