import ArgumentParser
import EmbeddedCluster
import Foundation
import Logging
import ServiceLifecycle

/// `aiconsole serve`: the embedded control plane, headless, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve", abstract: "Run the embedded Kubernetes-compatible control plane.")

  @Option(help: "Directory for the store, credentials, kubeconfig and endpoints.json.")
  var stateDir: String

  @Option(help: "Address to listen on.")
  var address = "127.0.0.1"

  @Option(help: "Port to listen on; 0 picks a free one and keeps it across restarts.")
  var port = 0

  func run() async throws {
    var logger = Logger(label: "aiconsole.serve")
    logger.logLevel = .warning
    let options = ControlPlaneOptions(
      stateDirectory: URL(fileURLWithPath: stateDir, isDirectory: true), address: address, port: port)
    let controlPlane: ControlPlane
    do {
      controlPlane = try await ControlPlane(options: options, logger: logger) { endpoints in
        FileHandle.standardOutput.write(Data("ready \(endpoints.apiServer)\n".utf8))
      }
    } catch {
      throw ValidationError("cannot start the control plane in \(stateDir): \(error)")
    }
    let group = ServiceGroup(
      configuration: .init(services: [controlPlane], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
  }
}
