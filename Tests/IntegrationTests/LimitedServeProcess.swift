import ClusterTestSupport
import Foundation

/// `aiconsole serve` started through `bash -c 'ulimit -n N; exec …'`, so that it runs under a
/// lowered descriptor limit (soft and hard), on a temporary state directory, API server only.
final class LimitedServeProcess {
  let process = Process()
  let stateDirectory = ServeProcess.temporaryDirectory("limits")
  private let output = Pipe()
  private(set) var port = 0

  /// Starts with `descriptors` as the limit and `arguments` after `serve`; waits for `ready`.
  init(descriptors: Int, arguments: [String]) throws {
    let command =
      ["exec", ServeProcess.binary, "serve", "--state-dir", stateDirectory.path, "--no-controller", "--no-gateway"]
      + arguments
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", "ulimit -n \(descriptors); " + command.map { "'\($0)'" }.joined(separator: " ")]
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    var buffer = Data()
    while true {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      buffer.append(chunk)
      let text = String(decoding: buffer, as: UTF8.self)
      if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ready ") }),
        let port = line.split(separator: ":").last.flatMap({ Int($0) })
      {
        self.port = port
        return
      }
    }
    throw ServeError(message: "aiconsole serve did not print ready: \(String(decoding: buffer, as: UTF8.self))")
  }

  /// Descriptors the server holds open now (its `/proc/PID/fd`).
  var openDescriptors: Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd").count) ?? 0
  }

  var isRunning: Bool { process.isRunning }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: stateDirectory)
  }
}

/// Many plain TCP connections to one port, opened and then left as a test says, and told apart
/// by whether the server has closed them.
final class HeldConnections {
  private(set) var descriptors: [Int32] = []
  /// Connections the kernel refused outright (the listen backlog was full).
  private(set) var connectFailures = 0

  /// Opens `count` connections, sending `greeting` on each (nothing when empty).
  func open(_ count: Int, port: Int, greeting: [UInt8] = []) {
    for _ in 0..<count {
      guard let descriptor = Self.connect(port) else {
        connectFailures += 1
        continue
      }
      if !greeting.isEmpty {
        _ = greeting.withUnsafeBytes { send(descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
      }
      descriptors.append(descriptor)
    }
  }

  /// How many the server has closed (end of stream or reset), without waiting.
  var closedCount: Int {
    var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    _ = poll(&polled, nfds_t(polled.count), 0)
    var closed = 0
    var scratch = [UInt8](repeating: 0, count: 4096)
    for entry in polled where entry.revents != 0 {
      let count = scratch.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress!, $0.count, Int32(MSG_PEEK)) }
      if count <= 0 { closed += 1 }
    }
    return closed
  }

  /// Connects to 127.0.0.1:`port`; nil if the connection is refused.
  static func connect(_ port: Int) -> Int32? { LoopbackSocket.connect(port: port) }

  func closeAll() {
    for descriptor in descriptors { close(descriptor) }
    descriptors = []
  }

  deinit { closeAll() }
}
