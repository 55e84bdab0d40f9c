import Foundation
import KubeCore
import Synchronization

/// Pod logs of the embedded world: one append-only file per container instance under the state
/// directory, written by in-process components (the API server itself, the controller, gateway and
/// simulated instances) and read through the pod `log` subresource.
///
/// Laid out as the kubelet lays out `/var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log`:
/// `<namespace>/<pod>/<container>/<restart>.log`, the pod's uid in `<namespace>/<pod>/uid`, so a pod
/// made again under the same name starts with no log (see `claim`). A container keeps its current
/// and its previous instance only, as the kubelet keeps one dead container per container.
///
/// Like the kubelet's CRI log files, each stored line starts with the time it was written
/// (`2026-11-25T00:51:47.123456789Z line`), so that readers can ask for timestamps and for the
/// lines since a time. The stamp has a fixed width and is always UTC, so stamps compare as bytes.
struct PodLogStore: Sendable {
  /// `<state>/logs`.
  let directory: URL
  /// When the logs of deleted pods were last looked for.
  let sweeps: SweepSchedule

  /// The size past which a run's log is rotated, as the kubelet's `containerLogMaxSize`.
  let maximumFileBytes: Int

  init(directory: URL, sweepInterval: Duration = .seconds(60), maximumFileBytes: Int = 10 << 20) {
    self.directory = directory
    sweeps = SweepSchedule(interval: sweepInterval)
    self.maximumFileBytes = maximumFileBytes
  }

  /// Says when a sweep is due: at most once per interval, the first an interval after start.
  final class SweepSchedule: Sendable {
    let interval: Duration
    private let last = Mutex(ContinuousClock.now)

    init(interval: Duration) { self.interval = interval }

    /// Whether a sweep is due now; if so, the next one is an interval away.
    func take() -> Bool {
      last.withLock { last in
        let now = ContinuousClock.now
        guard now - last >= interval else { return false }
        last = now
        return true
      }
    }
  }

  /// One run of one container: the log `kubectl logs` reads (or `-p` for the run before).
  struct Instance: Hashable, Sendable {
    var namespace: String
    var pod: String
    var container: String
    /// The container's `restartCount` when this run started: 0 for its first run.
    var restart: Int

    init(namespace: String, pod: String, container: String, restart: Int = 0) {
      self.namespace = namespace
      self.pod = pod
      self.container = container
      self.restart = restart
    }
  }

  /// What a reader asks for: the `log` subresource's query parameters.
  struct Selection: Sendable {
    /// Only the last lines (before `limitBytes`).
    var tailLines: Int?
    /// At most this many bytes of the initial answer.
    var limitBytes: Int?
    /// Only lines written at or after this stamp (as `stamp(_:)` writes it).
    var since: String?
    /// Prefix each line with its RFC 3339 write time and a space.
    var timestamps = false
  }

  /// The folder of one pod's logs.
  func podDirectory(namespace: String, pod: String) -> URL {
    directory.appendingPathComponent(namespace).appendingPathComponent(pod)
  }

  /// The file that holds one container instance's log.
  func file(_ instance: Instance) -> URL {
    podDirectory(namespace: instance.namespace, pod: instance.pod).appendingPathComponent(instance.container)
      .appendingPathComponent("\(instance.restart).log")
  }

  /// Appends lines (each should end without a newline) to an instance's log, stamped with `date`.
  /// Writers run concurrently (the access log, every simulated instance), so the lines go in one
  /// `write` to a file opened with `O_APPEND`: the kernel places each batch at the end whole, where
  /// seeking to the end and then writing could let two writers overwrite each other. The first
  /// write of a new run removes the runs before the previous one.
  func append(_ instance: Instance, lines: [String], at date: Date = Date()) throws {
    let url = file(instance)
    let stamp = Self.stamp(date)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + Self.stampWidth + 2 })
    for line in lines {
      bytes.append(contentsOf: stamp.utf8)
      bytes.append(UInt8(ascii: " "))
      bytes.append(contentsOf: line.utf8)
      bytes.append(UInt8(ascii: "\n"))
    }
    var descriptor = Self.openForAppend(url, create: false)
    if descriptor < 0, errno == ENOENT {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      descriptor = Self.openForAppend(url, create: true)
      if descriptor >= 0 { removeRuns(before: instance.restart - 1, of: url.deletingLastPathComponent()) }
    }
    guard descriptor >= 0 else { throw Self.posixError(url) }
    defer { close(descriptor) }
    try Self.writeAll(bytes, to: descriptor, url)
    rotateIfFull(url, descriptor: descriptor)
  }

  /// Deletes the logs of a container's runs numbered below `restart`.
  private func removeRuns(before restart: Int, of container: URL) {
    guard restart > 0, let names = try? FileManager.default.contentsOfDirectory(atPath: container.path) else { return }
    // `3.log`, and its rotated part `3.log.1`.
    for name in names {
      if let run = name.split(separator: ".").first.flatMap({ Int($0) }), run < restart {
        try? FileManager.default.removeItem(at: container.appendingPathComponent(name))
      }
    }
  }

  /// The file in a pod's log folder that names the pod's uid; a dot file, since no container
  /// name can start with a dot.
  static let uidFile = ".uid"

  /// Makes the pod's log folder belong to the pod with `uid`: a folder left by an earlier pod of
  /// the same name is emptied first, as a new pod starts with no log. A folder with no uid yet (a
  /// log written before the pod was known) is adopted, and a log of the one-file-per-pod layout
  /// before this one (`<namespace>/<pod>.log`) becomes `legacy`'s.
  func claim(namespace: String, pod: String, uid: String, legacy: Instance) throws {
    let folder = podDirectory(namespace: namespace, pod: pod)
    let recorded = claimedUID(namespace: namespace, pod: pod)
    guard recorded != uid else { return }
    if recorded != nil { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let old = directory.appendingPathComponent(namespace).appendingPathComponent("\(pod).log")
    if FileManager.default.fileExists(atPath: old.path), !FileManager.default.fileExists(atPath: file(legacy).path) {
      try? FileManager.default.createDirectory(
        at: file(legacy).deletingLastPathComponent(), withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      try? FileManager.default.moveItem(at: old, to: file(legacy))
    }
    // Private like every file of the state directory (its folder is 0700 meanwhile).
    let marker = folder.appendingPathComponent(Self.uidFile)
    try Data(uid.utf8).write(to: marker, options: .atomic)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: marker.path)
  }

  /// The uid recorded for a pod's log folder, nil when none is.
  func claimedUID(namespace: String, pod: String) -> String? {
    let marker = podDirectory(namespace: namespace, pod: pod).appendingPathComponent(Self.uidFile)
    return try? String(contentsOf: marker, encoding: .utf8)
  }

  /// Removes a pod's logs, every container and run.
  func remove(namespace: String, pod: String) {
    try? FileManager.default.removeItem(at: podDirectory(namespace: namespace, pod: pod))
  }

  /// Every pod that has a log folder, as (namespace, pod).
  func pods() -> [(namespace: String, pod: String)] {
    let manager = FileManager.default
    let namespaces = (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
    return namespaces.flatMap { namespace in
      let folder = directory.appendingPathComponent(namespace)
      let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
      return names.filter { name in
        var isFolder: ObjCBool = false
        return manager.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
          && isFolder.boolValue
      }.map { (namespace, $0) }
    }
  }

  private static func openForAppend(_ url: URL, create: Bool) -> Int32 {
    open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC | (create ? O_CREAT : 0), 0o600)
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, _ url: URL) throws {
    try bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        guard written >= 0 else { throw posixError(url) }
        offset += written
      }
    }
  }

  private static func posixError(_ url: URL) -> any Error {
    CocoaError(
      .fileWriteUnknown,
      userInfo: [
        NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO),
      ])
  }

  /// What `selection` picks from the log now (the rotated part first), and where its last whole
  /// line ends.
  func read(_ instance: Instance, _ selection: Selection) -> (bytes: [UInt8], end: Position) {
    let current = file(instance)
    let older = FileManager.default.contents(atPath: Self.rotated(current).path).map {
      Self.wholeLines(Array($0)).lines
    }
    guard let data = FileManager.default.contents(atPath: current.path) else {
      return (older.map { Self.render($0, selection) } ?? [], .start)
    }
    let (lines, end) = Self.wholeLines(Array(data))
    let identity = Self.identity(current) ?? 0
    return (Self.render((older ?? []) + lines, selection), Position(file: identity, offset: UInt64(end)))
  }

  /// The whole lines appended since `position` that `selection` picks (ignoring its tail and byte
  /// limits), and the position to read from next; a line still being written waits for the next
  /// read. When the file was rotated since, the rest of the rotated file comes first.
  func read(_ instance: Instance, from position: Position, _ selection: Selection) -> (bytes: [UInt8], end: Position) {
    let current = file(instance)
    let identity = Self.identity(current)
    var lines: [StoredLine] = []
    var offset = position.offset
    if position.file != 0, position.file != identity {
      // Rotated since: finish the rotated file first (while no new file exists, only that).
      let older = Self.rotated(current)
      var rest = 0
      if Self.identity(older) == position.file { (lines, rest) = Self.lines(of: older, from: position.offset) }
      guard identity != nil else {
        return (Self.rendered(lines, selection), Position(file: position.file, offset: offset + UInt64(rest)))
      }
      offset = 0
    }
    guard let identity else { return ([], position) }
    let (fresh, end) = Self.lines(of: current, from: offset)
    return (Self.rendered(lines + fresh, selection), Position(file: identity, offset: offset + UInt64(end)))
  }

  /// Lines since the selection's time, rendered (no tail or byte limit: those apply to the start).
  private static func rendered(_ lines: [StoredLine], _ selection: Selection) -> [UInt8] {
    render(since(lines, selection.since), timestamps: selection.timestamps)
  }

  /// The whole lines of a file from `offset`, and how many bytes they take.
  private static func lines(of url: URL, from offset: UInt64) -> (lines: [StoredLine], end: Int) {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return ([], 0) }
    defer { try? handle.close() }
    guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() else { return ([], 0) }
    return wholeLines(Array(data))
  }

  /// The lines `selection` picks, rendered: since its time, its last lines, at most its bytes.
  private static func render(_ lines: [StoredLine], _ selection: Selection) -> [UInt8] {
    var picked = since(lines, selection.since)
    if let tailLines = selection.tailLines, tailLines >= 0 { picked = Array(picked.suffix(tailLines)) }
    var bytes = render(picked, timestamps: selection.timestamps)
    if let limitBytes = selection.limitBytes, bytes.count > limitBytes { bytes = Array(bytes.prefix(limitBytes)) }
    return bytes
  }

  /// One stored line: its write time (nil for lines stored before stamps existed) and its text.
  struct StoredLine: Equatable {
    /// The stored stamp, `stampWidth` bytes.
    var stamp: ArraySlice<UInt8>?
    /// The line as written.
    var text: ArraySlice<UInt8>
  }

  /// The complete lines of `bytes` and the offset just past the last newline.
  static func wholeLines(_ bytes: [UInt8]) -> (lines: [StoredLine], end: Int) {
    guard let last = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return ([], 0) }
    let lines = bytes[..<last].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    return (lines.map(storedLine), last + 1)
  }

  /// Splits a stored line into its stamp and text; a line without a stamp is all text.
  static func storedLine(_ line: ArraySlice<UInt8>) -> StoredLine {
    let width = stampWidth
    guard line.count > width, line[line.startIndex + width] == UInt8(ascii: " "),
      line[line.startIndex + 4] == UInt8(ascii: "-"), line[line.startIndex + 10] == UInt8(ascii: "T"),
      line[line.startIndex + width - 1] == UInt8(ascii: "Z")
    else { return StoredLine(stamp: nil, text: line) }
    return StoredLine(
      stamp: line[line.startIndex..<line.startIndex + width], text: line[(line.startIndex + width + 1)...])
  }

  /// The lines written at or after `stamp`; unstamped lines have no time, so a time excludes them.
  private static func since(_ lines: [StoredLine], _ stamp: String?) -> [StoredLine] {
    guard let stamp else { return lines }
    let since = Array(stamp.utf8)
    return lines.filter { line in line.stamp.map { !$0.lexicographicallyPrecedes(since) } ?? false }
  }

  private static func render(_ lines: [StoredLine], timestamps: Bool) -> [UInt8] {
    var bytes: [UInt8] = []
    for line in lines {
      if timestamps {
        bytes.append(contentsOf: line.stamp ?? ArraySlice(epochStamp.utf8))
        bytes.append(UInt8(ascii: " "))
      }
      bytes.append(contentsOf: line.text)
      bytes.append(UInt8(ascii: "\n"))
    }
    return bytes
  }

  /// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
  static let stampWidth = 30
  private static let epochStamp = "1970-01-01T00:00:00.000000000Z"

  /// The fixed-width RFC 3339 UTC stamp of `date`, with nanoseconds.
  static func stamp(_ date: Date) -> String {
    let interval = date.timeIntervalSince1970
    var seconds = interval.rounded(.down)
    var nanoseconds = Int(((interval - seconds) * 1e9).rounded())
    if nanoseconds >= 1_000_000_000 {
      seconds += 1
      nanoseconds -= 1_000_000_000
    }
    let whole = Date(timeIntervalSince1970: seconds).ISO8601Format()
    let fraction = String(nanoseconds)
    return whole.dropLast() + "." + String(repeating: "0", count: 9 - fraction.count) + fraction + "Z"
  }

  /// The stored form of any RFC 3339 time, keeping all nine fraction digits (a `Date` would not).
  static func stamp(rfc3339 text: String) -> String? {
    guard let dot = text.firstIndex(of: ".") else { return Timestamps.parse(text).map(stamp) }
    let digits = text[text.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
    let zone = text[digits.endIndex...]
    guard !digits.isEmpty, let whole = Timestamps.parse(String(text[..<dot] + zone)) else { return nil }
    let fraction = digits.prefix(9) + String(repeating: "0", count: max(0, 9 - digits.count))
    return stamp(whole).dropLast(10) + fraction + "Z"
  }
}
