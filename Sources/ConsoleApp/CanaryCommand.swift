import ArgumentParser

/// `aiconsole canary INFSVC --traffic P | --promote | --abort`: steers an InferenceService's canary.
struct CanaryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "canary", abstract: "Set an InferenceService's canary traffic, promote it or abort it.")

  @Argument(help: "The InferenceService (NAME or infsvc/NAME).")
  var service: String

  @Option(help: "The percentage of requests the canary takes (0-100).")
  var traffic: Int?

  @Flag(help: "Make the canary's model the stable one and remove the canary.")
  var promote = false

  @Flag(help: "Remove the canary.")
  var abort = false

  @OptionGroup var options: OperationOptions

  func validate() throws {
    guard [traffic != nil, promote, abort].filter({ $0 }).count == 1 else {
      throw ValidationError("give exactly one of --traffic P, --promote or --abort")
    }
  }

  func run() async throws {
    try await options.run { operations in
      let name = try serviceName()
      let result: OperationResult
      if let traffic {
        result = try await operations.setCanaryTraffic(name, percent: traffic)
      } else if promote {
        result = try await operations.promoteCanary(name)
      } else {
        result = try await operations.abortCanary(name)
      }
      OperationOptions.report(result)
    }
  }

  private func serviceName() throws -> String {
    guard service.contains("/") else { return service }
    return try OperationKind.parseTarget(service, allowed: [.inferenceService]).1
  }
}
