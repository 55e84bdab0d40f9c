import ArgumentParser

/// `aiconsole rollback KIND/NAME [--to-revision N]`: restores an AICluster's instance template or
/// an InferenceService's model from a ControllerRevision, printing the fields it changes.
struct RollbackCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rollback", abstract: "Roll an AICluster or InferenceService back to an earlier revision.")

  @Argument(help: "The object, as KIND/NAME (aic/llama, infsvc/chat).")
  var target: String

  @Option(help: "The revision to go back to (default: the previous one).")
  var toRevision: Int64?

  @OptionGroup var options: OperationOptions

  func run() async throws {
    try await options.run { operations in
      let (kind, name) = try OperationKind.parseTarget(target, allowed: [.aiCluster, .inferenceService])
      let result = try await operations.rollback(kind, name, toRevision: toRevision)
      OperationOptions.report(result, fields: true)
    }
  }
}
