import Foundation
import KubeCore

/// The answer of an exec credential plugin: a token or a client certificate, maybe with an expiry.
struct ExecCredential: Sendable {
  var token: String?
  var clientCertificatePEM: [UInt8]?
  var clientKeyPEM: [UInt8]?
  var expiration: Date?
}

/// An exec credential plugin that failed, naming the command and the kubeconfig that asked for it.
public struct ExecPluginError: Error, Sendable, CustomStringConvertible {
  public var command: String
  public var file: String
  public var reason: String

  public var description: String { "exec plugin \(command) (from kubeconfig \(file)): \(reason)" }
}

/// Runs an exec credential plugin the way client-go does: non-interactive, with
/// `KUBERNETES_EXEC_INFO`, and reads its `ExecCredential` from standard output.
struct ExecCredentialPlugin: Sendable {
  var configuration: ExecPluginConfiguration
  var server: String
  var tls: TLSSettings

  func run() async throws -> ExecCredential {
    let executable = try locate()
    let (status, output, errors) = try await Self.execute(executable, configuration.arguments, environment())
    guard status == 0 else {
      let detail = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      throw failure("exited with status \(status)" + (detail.isEmpty ? "" : ": \(detail)"))
    }
    return try decode(output)
  }

  private func failure(_ reason: String) -> ExecPluginError {
    ExecPluginError(command: configuration.command, file: configuration.file, reason: reason)
  }

  private func locate() throws -> String {
    let command = configuration.command
    if command.contains("/") {
      guard FileManager.default.isExecutableFile(atPath: command) else { throw notFound() }
      return command
    }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":")
    where FileManager.default.isExecutableFile(atPath: "\(directory)/\(command)") {
      return "\(directory)/\(command)"
    }
    throw notFound()
  }

  private func notFound() -> ExecPluginError {
    failure("command not found" + (configuration.installHint.map { "\n\($0)" } ?? ""))
  }

  private func environment() -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.merging(configuration.environment) { $1 }
    var spec: JSONValue = ["interactive": false]
    if configuration.provideClusterInfo {
      var cluster: JSONValue = ["server": .string(server), "insecure-skip-tls-verify": .bool(tls.insecureSkipVerify)]
      if let name = tls.serverName { cluster["tls-server-name"] = .string(name) }
      if let ca = tls.certificateAuthorityPEM {
        cluster["certificate-authority-data"] = .string(Data(ca).base64EncodedString())
      }
      spec["cluster"] = cluster
    }
    let info: JSONValue = ["apiVersion": .string(configuration.apiVersion), "kind": "ExecCredential", "spec": spec]
    environment["KUBERNETES_EXEC_INFO"] = info.jsonString
    return environment
  }

  private func decode(_ output: [UInt8]) throws -> ExecCredential {
    let value: JSONValue
    do {
      value = try JSONParser.parse(output)
    } catch {
      throw failure("its output is not an ExecCredential: \(error)")
    }
    guard value["kind"]?.stringValue == "ExecCredential" else {
      throw failure("its output has kind \(value["kind"]?.stringValue ?? "none"), not ExecCredential")
    }
    guard value["apiVersion"]?.stringValue == configuration.apiVersion else {
      throw failure(
        "it answered apiVersion \(value["apiVersion"]?.stringValue ?? "none"), the kubeconfig asked for \(configuration.apiVersion)"
      )
    }
    let status = value["status"] ?? .emptyObject
    var credential = ExecCredential(
      token: status["token"]?.stringValue,
      clientCertificatePEM: status["clientCertificateData"]?.stringValue.map { Array($0.utf8) },
      clientKeyPEM: status["clientKeyData"]?.stringValue.map { Array($0.utf8) })
    guard credential.token != nil || (credential.clientCertificatePEM != nil && credential.clientKeyPEM != nil) else {
      throw failure("its ExecCredential has neither status.token nor status.clientCertificateData and clientKeyData")
    }
    if let expiry = status["expirationTimestamp"]?.stringValue {
      guard let date = LogTimestamp(rfc3339: expiry)?.date else {
        throw failure("status.expirationTimestamp \"\(expiry)\" is not RFC 3339")
      }
      credential.expiration = date
    }
    return credential
  }

  /// Runs a process to completion off the cooperative pool, reading both pipes at once so that a
  /// chatty plugin cannot block on a full pipe.
  private static func execute(_ executable: String, _ arguments: [String], _ environment: [String: String]) async throws
    -> (Int32, [UInt8], [UInt8])
  {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
          try process.run()
        } catch {
          continuation.resume(throwing: error)
          return
        }
        let group = DispatchGroup()
        // Written by the reader below and read only after group.wait(), which orders the two.
        nonisolated(unsafe) var errorBytes = Data()
        group.enter()
        DispatchQueue.global().async {
          errorBytes = errors.fileHandleForReading.readDataToEndOfFile()
          group.leave()
        }
        let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        continuation.resume(returning: (process.terminationStatus, Array(outputBytes), Array(errorBytes)))
      }
    }
  }
}
