import Foundation

/// A real `aiconsole serve` child process on a temporary (or given) state directory.
final class ServeProcess {
  let stateDirectory: URL
  let process = Process()
  private let output = Pipe()
  private(set) var apiServer = ""

  var kubeconfig: String { stateDirectory.appendingPathComponent("kubeconfig").path }

  /// The aiconsole binary next to the test bundle, or `AICONSOLE_BIN`.
  static var binary: String {
    if let path = ProcessInfo.processInfo.environment["AICONSOLE_BIN"] { return path }
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [bundle, bundle.deletingLastPathComponent()] {
      let path = candidate.appendingPathComponent("aiconsole").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return ".build/debug/aiconsole"
  }

  static func temporaryDirectory(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-\(name)-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Extra arguments for `serve` (`--no-controller`).
  let extraArguments: [String]

  init(stateDirectory: URL, arguments: [String] = []) {
    self.stateDirectory = stateDirectory
    extraArguments = arguments
  }

  /// Starts the server and waits for its `ready <url>` line.
  func start(timeout: TimeInterval = 60) throws {
    process.executableURL = URL(fileURLWithPath: Self.binary)
    process.arguments = ["serve", "--state-dir", stateDirectory.path] + extraArguments
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    var buffer = Data()
    while Date() < deadline {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      buffer.append(chunk)
      if let text = String(data: buffer, encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ready ") })
      {
        apiServer = String(line.dropFirst("ready ".count))
        return
      }
    }
    throw ServeError(message: "aiconsole serve did not print ready: \(String(decoding: buffer, as: UTF8.self))")
  }

  /// Graceful stop (SIGTERM), and SIGKILL if it has not exited within 15 seconds.
  func stop() {
    guard process.isRunning else { return }
    process.terminate()
    let deadline = Date().addingTimeInterval(15)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    kill()
  }

  /// SIGKILL and wait.
  func kill() {
    guard process.isRunning else { return }
    Foundation.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  deinit { kill() }
}

struct ServeError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// Runs a command to completion and captures its output.
struct CommandResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

func runCommand(_ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:])
  throws -> CommandResult
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  for (key, value) in environment { env[key] = value }
  process.environment = env
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  let input = Pipe()
  process.standardInput = stdin == nil ? FileHandle.nullDevice : input
  try process.run()
  if let stdin {
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
  }
  let errorData = ErrorCollector(err.fileHandleForReading)
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return CommandResult(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errorData.wait(), as: UTF8.self))
}

/// Drains a pipe on its own thread so a chatty stderr cannot block the child.
final class ErrorCollector: @unchecked Sendable {
  // Written only by the reading thread before the semaphore is signalled, read only after waiting on it.
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
