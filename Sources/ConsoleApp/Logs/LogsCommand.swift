import ArgumentParser
import ClusterClient
import Foundation
import KubeCore

/// `aiconsole logs`: the JSON logs of the controller, the gateway and — with a correlation ID —
/// every model instance, merged in time order, read through the pod log API of any cluster.
struct LogsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logs",
    abstract: "Print the components' logs, or every line of one correlation ID across components and instances.")

  @Option(name: .customLong("correlation-id"), help: "Only lines of this change or request ID, instances' included.")
  var correlationID: String?

  @Option(help: "More terms a line must pass: level>=warn, key=value, /regex/, text.")
  var filter: String?

  @Flag(name: [.customShort("f"), .long], help: "Keep following new lines and new pods.")
  var follow = false

  @Option(
    name: [.customShort("o"), .long], help: "Output: text (default) or json (the raw lines with a source field).")
  var output = "text"

  @Option(name: .customLong("since-seconds"), help: "Only lines written in the last N seconds.")
  var sinceSeconds: Int?

  @OptionGroup var cluster: ClusterOptions

  func validate() throws {
    guard LogLineFormat(rawValue: output) != nil else {
      throw ValidationError("unknown output format \"\(output)\": use json or text")
    }
    if let sinceSeconds, sinceSeconds <= 0 { throw ValidationError("--since-seconds must be positive") }
  }

  func run() async throws {
    let logFilter = try parsedFilter()
    let configuration = try cluster.configuration()
    let client = try KubeClient(configuration: configuration.identified(as: "logs"))
    do {
      try await printLines(using: client, filter: logFilter)
      try await client.shutdown()
    } catch {
      try? await client.shutdown()
      throw CommandFailure(message: "\(error)")
    }
  }

  private func parsedFilter() throws -> LogFilter {
    do {
      return try LogFilter.parse(filter ?? "").with(correlationID: correlationID)
    } catch {
      throw CommandFailure(message: "\(error)")
    }
  }

  /// Without a correlation ID only the components' pods: instance logs are long and carry no
  /// context of their own.
  private var scope: CorrelationTail.Scope {
    CorrelationTail.Scope(instances: correlationID != nil, instanceNamespace: cluster.namespace)
  }

  private var options: PodLogOptions {
    PodLogOptions(
      follow: follow, sinceTime: sinceSeconds.map { LogTimestamp(Date().addingTimeInterval(-Double($0))) })
  }

  private func printLines(using client: KubeClient, filter: LogFilter) async throws {
    let format = LogLineFormat(rawValue: output) ?? .text
    guard follow else {
      let records = try await CorrelationTail.read(client: client, filter: filter, scope: scope, options: options)
      StandardOutput.write(lines: records.map(format.render))
      return
    }
    // Listing first turns a bad server or identity into an error, not a silent wait.
    _ = try await CorrelationTail.pods(client: client, scope: scope)
    let tail = CorrelationTail(client: client, filter: filter, scope: scope, options: options)
    try await withThrowingDiscardingTaskGroup { group in
      group.addTask { await tail.run() }
      // Lines of several pods arrive out of order: print them in batches, each sorted by time.
      while !Task.isCancelled {
        try await Task.sleep(for: .milliseconds(300))
        StandardOutput.write(lines: await tail.drain().map(format.render))
      }
    }
  }
}
