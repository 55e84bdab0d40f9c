import ArgumentParser

/// `aiconsole ui-demo`: the Views toolkit full screen on generated data, to try the terminal layer.
struct UIDemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ui-demo",
    abstract: "Show the terminal toolkit on generated data (--rows N, --theme NAME, --readonly).")

  @Argument(parsing: .captureForPassthrough, help: "--rows N, --theme NAME, --readonly")
  var arguments: [String] = []

  func run() throws {
    let status = runUIDemo(arguments: arguments)
    if status != 0 { throw ExitCode(status) }
  }
}
