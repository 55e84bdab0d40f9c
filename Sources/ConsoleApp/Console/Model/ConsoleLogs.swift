import ClusterClient
import Views

/// The logs pane's model: every line of the followed sources kept in a bounded `LogBuffer`, the
/// filter over them (a level, what was typed at the `/` prompt, a correlation ID), pause, and the
/// view of the lines that pass, in time order across sources (`ConsoleLogs+View`). Changing the
/// filter or the sources redraws from what is kept; nothing is fetched again, and no line is
/// parsed again: each kept line's view entry is made once, from its record, when it arrives.
struct ConsoleLogs: Sendable {
  /// Lines kept at least, of every source followed this session.
  static let capacity = 20_000
  /// Lines the view holds at most (the newest that pass).
  static let shownCapacity = 5_000
  /// The filter steps `v` cycles through: everything, then at least each level.
  static let levels: [LogLevel?] = [nil, .debug, .info, .warn, .error]

  /// Which prompt of the logs pane is open.
  enum Prompt: Equatable, Sendable {
    /// `/` while the logs have focus: text, `/regex/`, `key=value`, `level>=warn`.
    case filter
    /// `f`: a term to highlight and jump between with `n` and `N`.
    case search
    /// `L`: a correlation ID to follow across every pod.
    case correlation
  }

  private(set) var buffer = LogBuffer(capacity: ConsoleLogs.capacity)
  /// What was typed at the filter prompt, its level moved into `minimumLevel`.
  private(set) var query = LogFilter.all
  /// Only lines at this level or above are shown; nil shows every line.
  private(set) var minimumLevel: LogLevel?
  /// Correlation mode: only lines carrying this `correlation_id`, from every component and
  /// instance pod.
  private(set) var correlationID: String?
  /// The sources whose lines are shown (the ones followed now).
  private(set) var sources: Set<LogSource> = []
  /// What the log widget draws.
  var view = LogViewState(capacity: ConsoleLogs.shownCapacity)
  /// Which containers and run of a selected Pod are shown (`l`, `p` on a Pod).
  var podChoice: PodLogChoice?

  /// The time each shown line is ordered by, parallel to `view.entries`.
  var shownTimes: [LogTimestamp] = []
  /// Each kept line's time and view entry, from sequence number `keptStart` on (parallel to
  /// the buffer, which keeps the lines' bytes for filtering).
  private var kept: [KeptLine] = []
  private var keptStart = 0
  /// A pod followed again replays its last lines; those already kept are skipped.
  private var replayed = ReplayedLines()
  /// The sources of the kept lines.
  private var keptSources: Set<LogSource> = []

  /// The filter the buffer applies: the typed one with the level and the correlation ID.
  var filter: LogFilter {
    query.with(minimumLevel: minimumLevel).with(correlationID: correlationID ?? query.correlationID)
  }

  /// Whether new lines wait, kept but not shown, for `p` again.
  var isPaused: Bool { buffer.isPaused }

  /// Keeps one record, tagged with its source, and shows it unless it is filtered out or paused.
  mutating func append(_ record: LogRecord) {
    if replayed.isRepeat(record) { return }
    // A line without a time of its own goes with the newest: it just arrived.
    let line = KeptLine(
      time: record.time ?? kept.last?.time ?? LogTimestamp(seconds: 0),
      entry: LogEntry(record, source: Self.label(record.source)))
    buffer.append(Self.tagged(record), source: record.source)
    keptSources.insert(record.source)
    kept.append(line)
    if buffer.firstSequence > keptStart {
      kept.removeFirst(buffer.firstSequence - keptStart)
      keptStart = buffer.firstSequence
    }
    let sequence = buffer.nextSequence - 1
    guard !buffer.isPaused, sources.contains(record.source), buffer.passingLines(last: 1).first?.sequence == sequence
    else { return }
    show(line)
  }

  /// Shows the lines of `wanted` from now on, with those already kept.
  mutating func setSources(_ wanted: Set<LogSource>, viewport: Int) {
    let changed = sources.symmetricDifference(wanted)
    sources = wanted
    if !changed.isDisjoint(with: keptSources) { refresh(viewport: viewport) }
  }

  /// Replaces the typed filter; a level in it becomes the level filter.
  mutating func setQuery(_ filter: LogFilter, viewport: Int) {
    if let level = filter.minimumLevel { minimumLevel = level }
    query = filter.with(minimumLevel: nil)
    applyFilter(viewport: viewport)
  }

  /// Moves the level filter to its next step.
  mutating func cycleLevel(viewport: Int) {
    let index = Self.levels.firstIndex(of: minimumLevel) ?? 0
    minimumLevel = Self.levels[(index + 1) % Self.levels.count]
    applyFilter(viewport: viewport)
  }

  /// Enters correlation mode for `id`, or leaves it with nil.
  mutating func setCorrelationID(_ id: String?, viewport: Int) {
    correlationID = id
    applyFilter(viewport: viewport)
  }

  /// Pauses (the view stays where it is; lines are kept) or resumes (the kept lines are shown and
  /// the view follows again).
  mutating func togglePause(viewport: Int) {
    guard buffer.isPaused else {
      buffer.pause()
      if view.follow { view.toggleFollow(viewport: viewport) }
      return
    }
    let pending = buffer.pendingCount
    let firstNew = buffer.nextSequence - pending
    buffer.resume()
    for line in buffer.passingLines(last: pending, from: sources) where line.sequence >= firstNew {
      show(keptLine(line.sequence))
    }
    view.follow = true
  }

  /// `all`, or `≥warn`.
  var levelLabel: String { minimumLevel.map { "≥\($0)" } ?? "all" }

  /// A kept line's time and entry.
  func keptLine(_ sequence: Int) -> KeptLine {
    let index = sequence - keptStart
    return kept.indices.contains(index)
      ? kept[index] : KeptLine(time: LogTimestamp(seconds: 0), entry: LogEntry(plain: ""))
  }

  private mutating func applyFilter(viewport: Int) {
    buffer.setFilter(filter)
    refresh(viewport: viewport)
  }

  /// Who wrote a line, as the view prefixes it: the pod, and the container when one is named.
  static func label(_ source: LogSource) -> String {
    source.container.map { "\(source.pod)/\($0)" } ?? source.pod
  }

  /// The line as the buffer keeps it, with its pod named (so that a filter's text finds the pod):
  /// a `src` field inside a JSON line (so that it is still an object), else a prefix.
  static func tagged(_ record: LogRecord) -> String {
    let text = record.text
    if text.hasPrefix("{"), text.hasSuffix("}") {
      let members = text.dropFirst().dropLast()
      let comma = members.allSatisfy(\.isWhitespace) ? "" : ","
      return String(text.dropLast()) + comma + #""src":"\#(record.source.pod)"}"#
    }
    return "[\(record.source.pod)] \(text)"
  }
}

/// A kept line's time (what the view orders lines by) and its view entry, made once.
struct KeptLine: Sendable {
  /// The line's own time, else its write time, else the newest time before it.
  var time: LogTimestamp
  /// What the log view draws.
  var entry: LogEntry
}
