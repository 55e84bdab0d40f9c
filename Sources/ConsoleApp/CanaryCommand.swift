import ArgumentParser

/// `aiconsole canary INFSVC --traffic P | --promote | --abort`: steers an InferenceService's canary;
/// `--start MODELDEPLOYMENT --traffic P [--analysis]` gives one without a canary its first.
struct CanaryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "canary", abstract: "Start an InferenceService's canary, set its traffic, promote it or abort it.")

  @Argument(help: "The InferenceService (NAME or infsvc/NAME).")
  var service: String

  @Option(help: "The percentage of requests the canary takes (0-100; with --start, its first step, 1-100).")
  var traffic: Int?

  @Option(help: "Start a canary of this ModelDeployment (of the stable one's model); needs --traffic.")
  var start: String?

  @Flag(
    help:
      "With --start: the controller steps the canary (first step, then 25/50/100%, 1m each) and aborts it when its p99 passes 1.5x or its error rate 2x the stable pool's."
  )
  var analysis = false

  @Flag(help: "Make the canary's model the stable one and remove the canary.")
  var promote = false

  @Flag(help: "Remove the canary.")
  var abort = false

  @OptionGroup var options: OperationOptions

  func validate() throws {
    if start != nil {
      guard traffic != nil, !promote, !abort else {
        throw ValidationError("--start MODELDEPLOYMENT needs --traffic P and goes without --promote or --abort")
      }
      return
    }
    if analysis { throw ValidationError("--analysis goes with --start MODELDEPLOYMENT") }
    guard [traffic != nil, promote, abort].filter({ $0 }).count == 1 else {
      throw ValidationError("give exactly one of --traffic P, --promote or --abort (or --start M --traffic P)")
    }
  }

  func run() async throws {
    try await options.run { operations in
      let name = try serviceName()
      let result: OperationResult
      if let start, let traffic {
        result = try await operations.startCanary(name, model: start, percent: traffic, analysis: analysis)
      } else if let traffic {
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
