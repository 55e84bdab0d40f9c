import ArgumentParser

/// `aiconsole scale KIND/NAME N`: sets an AICluster's or InferenceService's replicas through the
/// scale subresource, with a change-id.
struct ScaleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scale", abstract: "Scale an AICluster or InferenceService (aic/NAME, infsvc/NAME).")

  @Argument(help: "The object, as KIND/NAME (aic/llama, infsvc/chat).")
  var target: String

  @Argument(help: "The number of replicas.")
  var replicas: Int

  @OptionGroup var options: OperationOptions

  func run() async throws {
    try await options.run { operations in
      let (kind, name) = try OperationKind.parseTarget(target, allowed: [.aiCluster, .inferenceService])
      OperationOptions.report(try await operations.scale(kind, name, replicas: replicas))
    }
  }
}
