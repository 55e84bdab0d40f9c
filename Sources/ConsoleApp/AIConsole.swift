import ArgumentParser
import ClusterClient
import Foundation
import NIOCore
import NIOPosix

/// The `aiconsole` executable: the console and the commands that run its parts headless.
@main
struct AIConsole: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aiconsole",
    abstract: "A keyboard-driven console for AI workloads on Kubernetes.",
    subcommands: [
      ConsoleCommand.self, ServeCommand.self, ControllerCommand.self, GatewayCommand.self, GetCommand.self,
      CRDsCommand.self, ScaleCommand.self, RollbackCommand.self, CanaryCommand.self, RouteCommand.self,
      LogsCommand.self,
      UIDemoCommand.self,
    ],
    defaultSubcommand: ConsoleCommand.self)

  /// Unblocks signals first, so that every thread started afterwards inherits the open mask; a
  /// closed standard output is handled where it is written (`StandardOutput`).
  static func main() async {
    unblockSignals()
    StandardOutput.ignoreBrokenPipeSignal()
    runTasksOnEventLoopsWhenServing()
    do {
      var command = try parseAsRoot()
      if var asynchronous = command as? any AsyncParsableCommand {
        try await asynchronous.run()
      } else {
        try command.run()
      }
    } catch let failure as CommandFailure {
      // kubectl's shape: `error: …` and status 1, without ArgumentParser's usage text.
      // Not FileHandle.write: it traps when standard error is a closed pipe (`2>&1 | head -1`).
      JSONLineLogHandler.writeToStandardError(Array("\(failure)\n".utf8))
      Foundation.exit(1)
    } catch {
      exit(withError: error)
    }
  }

  /// `serve` runs Swift concurrency's jobs on NIO's event loops: its tasks mostly do network
  /// I/O (the server's connections, see `EventLoopTaskExecutor`; the in-process controller's and
  /// gateway's clients), which then skips a thread hand-off between Swift's cooperative pool and
  /// the loop that owns the socket each way (issue 22: the client side of a create went from
  /// about 143 to 116 µs of CPU). It must be installed before any task runs, so it is decided from
  /// the raw arguments, ahead of ArgumentParser. Only `serve`, where nothing in a task blocks a
  /// thread for long (SQLite commits on GRDB's queue, pod log files on NIO's thread pool): the
  /// console waits on the terminal and other commands on other things, so they keep the pool.
  static func runTasksOnEventLoopsWhenServing() {
    guard CommandLine.arguments.dropFirst().first == ServeCommand.configuration.commandName else { return }
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
  }

  /// Signals may arrive blocked from a parent (swift-corelibs-foundation#4772); clear the mask
  /// so SIGINT and SIGTERM reach the graceful-shutdown handlers.
  static func unblockSignals() {
    var empty = sigset_t()
    sigemptyset(&empty)
    sigprocmask(SIG_SETMASK, &empty, nil)
  }
}
