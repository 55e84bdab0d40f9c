import Foundation
import KubeCore

#if canImport(Glibc)
  import Glibc
#endif

/// kubectl's discovery cache on disk (client-go `discovery/cached/disk`), shared with kubectl: one
/// directory per server under `<cache-dir>/discovery/`, holding `servergroups.json` (an
/// `APIGroupList`) and `<group>/<version>/serverresources.json` (an `APIResourceList`) for each
/// group version. A document is used for six hours after it was written (cli-runtime's TTL),
/// ignored when expired, unreadable or not the kind expected, and written as client-go writes it:
/// directories 0750, files 0660, through a temporary file renamed into place, so that a reader
/// (another aiconsole, or kubectl) never sees half a document.
public struct DiscoveryCache: Sendable {
  /// cli-runtime's `ToDiscoveryClient` passes six hours to `NewCachedDiscoveryClientForConfig`.
  public static let defaultTimeToLive: Duration = .seconds(6 * 3600)

  /// This server's directory: `<cache-dir>/discovery/<host_port>`.
  public let directory: String
  public let timeToLive: Duration

  /// The cache for `server` (a kubeconfig's `server` URL) under `cacheDirectory` (kubectl's
  /// `--cache-dir`, default `DiscoveryCache.defaultCacheDirectory`).
  public init(cacheDirectory: String, server: String, timeToLive: Duration = defaultTimeToLive) {
    directory = cacheDirectory + "/discovery/" + Self.hostDirectoryName(server)
    self.timeToLive = timeToLive
  }

  /// kubectl's default `--cache-dir`: `KUBECACHEDIR`, else `$HOME/.kube/cache`; nil without a home.
  public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String?
  {
    if let directory = environment["KUBECACHEDIR"], !directory.isEmpty { return directory }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.kube/cache"
  }

  /// cli-runtime's `computeDiscoverCacheDir`: the server without its scheme, every character but
  /// letters, digits, `_`, `/`, `.`, `(` and `)` replaced by `_` (`https://127.0.0.1:6443` →
  /// `127.0.0.1_6443`).
  public static func hostDirectoryName(_ server: String) -> String {
    var host = Substring(server)
    if let range = host.range(of: "https://") {
      host.removeSubrange(range)
    } else if let range = host.range(of: "http://") {
      host.removeSubrange(range)
    }
    return String(host.map { kept($0) ? $0 : "_" })
  }

  private static func kept(_ character: Character) -> Bool {
    guard character.isASCII else { return character.isLetter || character.isNumber }
    return character.isLetter || character.isNumber || "_/.()".contains(character)
  }

  /// The path of a document: `servergroups.json` or `<group-version>/serverresources.json`.
  public func path(_ relative: String) -> String { directory + "/" + relative }

  /// The bytes of a document written less than `timeToLive` before `now`; nil when it is missing,
  /// expired or unreadable.
  public func read(_ relative: String, now: Date = Date()) -> [UInt8]? {
    let descriptor = open(path(relative), O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
    let modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
    // client-go: expired once `now` is after the modification time plus the TTL.
    guard now.timeIntervalSince1970 <= modified + timeToLive.seconds else { return nil }
    return Self.readAll(descriptor, size: Int(status.st_size))
  }

  private static func readAll(_ descriptor: Int32, size: Int) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: max(size, 0) + 1)
    var count = 0
    while true {
      if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
      let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
      if got < 0, errno == EINTR { continue }
      guard got >= 0 else { return nil }
      if got == 0 { break }
      count += got
    }
    return Array(bytes[..<count])
  }

  /// Writes a document atomically: a temporary file beside it (0660, as client-go chmods it),
  /// renamed over it; parent directories are made 0750.
  public func write(_ relative: String, _ bytes: [UInt8]) throws {
    let target = path(relative)
    let parent = String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)])
    try Self.makeDirectories(parent)
    let temporary = target + ".\(UInt32.random(in: 100_000_000...UInt32.max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw DiscoveryCacheError(path: temporary, operation: "create", code: errno) }
    var written = 0
    var failure: DiscoveryCacheError?
    while written < bytes.count, failure == nil {
      let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
      if count < 0, errno != EINTR { failure = DiscoveryCacheError(path: temporary, operation: "write", code: errno) }
      if count > 0 { written += count }
    }
    // fchmod, not the mode of open: the umask would take the group's write bit away.
    if failure == nil, fchmod(descriptor, 0o660) != 0 {
      failure = DiscoveryCacheError(path: temporary, operation: "chmod", code: errno)
    }
    if close(descriptor) != 0, failure == nil {
      failure = DiscoveryCacheError(path: temporary, operation: "close", code: errno)
    }
    if failure == nil, rename(temporary, target) != 0 {
      failure = DiscoveryCacheError(path: target, operation: "rename", code: errno)
    }
    if let failure {
      unlink(temporary)
      throw failure
    }
  }

  /// `mkdir -p` with mode 0750 for the directories it creates, as client-go's `os.MkdirAll(dir, 0750)`.
  static func makeDirectories(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      prefix += "/" + component
      if mkdir(prefix, 0o750) != 0, errno != EEXIST {
        throw DiscoveryCacheError(path: prefix, operation: "mkdir", code: errno)
      }
    }
  }
}

/// A cache document that could not be written; discovery goes on without it, as kubectl's does.
public struct DiscoveryCacheError: Error, CustomStringConvertible {
  public var path: String
  public var operation: String
  public var code: Int32
  public var description: String { "discovery cache: \(operation) \(path): \(String(cString: strerror(code)))" }
}
