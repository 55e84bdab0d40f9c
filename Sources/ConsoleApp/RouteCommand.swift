import ArgumentParser
import Foundation

/// `aiconsole route`: operations on AIModelRoutes.
struct RouteCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "route", abstract: "Operations on AIModelRoutes.", subcommands: [RouteEditCommand.self])
}

/// `aiconsole route edit NAME [-f FILE]`: replaces a route with an edited YAML, from a file or,
/// as `kubectl edit` does, from `$EDITOR`, reopened with the server's errors until it is accepted
/// or left unchanged.
struct RouteEditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit", abstract: "Edit an AIModelRoute in $EDITOR, or apply an edited YAML file.")

  @Argument(help: "The AIModelRoute's name.")
  var name: String

  @Option(name: [.customShort("f"), .long], help: "A file holding the edited route (instead of $EDITOR).")
  var filename: String?

  @OptionGroup var options: OperationOptions

  func run() async throws {
    try await options.run { operations in
      guard let filename else {
        try await RouteEditSession(operations: operations, name: name).run()
        return
      }
      let text: String
      do {
        text = try String(contentsOfFile: filename, encoding: .utf8)
      } catch {
        throw CommandFailure(message: "cannot read \(filename): \(error.localizedDescription)")
      }
      OperationOptions.report(try await operations.editRoute(name, yaml: text), fields: true)
    }
  }
}
