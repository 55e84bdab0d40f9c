import Foundation
import Synchronization

/// One process's exclusive hold on a state directory, for as long as it serves from it: two
/// servers on one store would hand out the same resourceVersions and lose acknowledged writes.
/// The lock is a `flock` on `lock` in the directory, so the kernel frees it when the process
/// dies, however it dies; the file says who holds it (pid and command line) for the refusal.
public final class StateDirectoryLock: Sendable {
  /// The lock file's name in the state directory.
  public static let fileName = "lock"

  /// The process that holds a state directory.
  public struct Holder: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var command: String

    public var description: String { command.isEmpty ? "pid \(pid)" : "pid \(pid) (\(command))" }
  }

  /// Another process serves from the directory.
  public struct InUse: Error, Sendable, CustomStringConvertible {
    public var directory: URL
    /// Nil when the holder has not yet written its name (it took the lock an instant ago).
    public var holder: Holder?

    public var description: String {
      "the state directory \(directory.path) is in use by \(holder.map(String.init(describing:)) ?? "another process"); "
        + "stop that process, choose another --state-dir, or connect to it with "
        + "--kubeconfig \(directory.appendingPathComponent("kubeconfig").path)"
    }
  }

  private let lock: Mutex<FileLock?>

  /// Takes the lock on `directory` (which must exist) without waiting, and writes this process's
  /// pid and command line into it; throws `InUse` naming the holder when another process has it.
  public init(directory: URL) throws {
    let path = directory.appendingPathComponent(Self.fileName).path
    guard let taken = try FileLock(tryPath: path) else {
      throw InUse(directory: directory, holder: Self.readHolder(path))
    }
    let command = CommandLine.arguments.joined(separator: " ")
    taken.replaceContents(with: "\(getpid())\n\(command)\n")
    lock = Mutex(taken)
  }

  /// Gives the directory up; later calls do nothing.
  public func release() {
    lock.withLock { held in
      held?.release()
      held = nil
    }
  }

  deinit { release() }

  /// Why `directory` cannot be served from now, or nil when it is free (or not a state directory).
  /// The probe takes the lock for an instant when it is free.
  public static func inUse(_ directory: URL) -> InUse? {
    let path = directory.appendingPathComponent(fileName).path
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let probe = try? FileLock(tryPath: path) else { return InUse(directory: directory, holder: readHolder(path)) }
    probe.release()
    return nil
  }

  /// The holder written in the lock file, nil while it is still empty.
  private static func readHolder(_ path: String) -> Holder? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    guard let pid = lines.first.flatMap({ Int32($0) }) else { return nil }
    let command = lines.count > 1 ? lines[1].trimmingCharacters(in: .newlines) : ""
    return Holder(pid: pid, command: command)
  }
}
