import ClusterClient
import Views

/// The logs pane's model: every line of the followed sources kept in a bounded `LogBuffer`, the
/// filter over them (a level, what was typed at the `/` prompt, a correlation ID), pause, and the
/// view of the lines that pass, in time order across sources (`ConsoleLogs+View`). Changing the
/// filter or the sources redraws from what is kept; nothing is fetched again.
struct ConsoleLogs: Sendable {
  /// Lines kept at least, of every source followed this session.
  static let capacity = 20_000
  /// Lines the view holds at most (the newest that pass).
  static let shownCapacity = 5_000
  /// The filter steps `v` cycles through: everything, then at least each level.
  static let levels: [LogFilter.Level?] = [nil, .debug, .info, .warn, .error]

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
  private(set) var minimumLevel: LogFilter.Level?
  /// Correlation mode: only lines carrying this `correlation_id`, from every component and
  /// instance pod.
  private(set) var correlationID: String?
  /// The sources whose lines are shown (the ones followed now).
  private(set) var sources: Set<LogSource> = []
  /// What the log widget draws.
  var view = LogViewState(capacity: ConsoleLogs.shownCapacity)
  /// The prompt open in `.logPrompt` mode.
  var prompt: Prompt?

  /// The time each shown line is ordered by, parallel to `view.entries`.
  var shownTimes: [LogTimestamp] = []
  /// The time each kept line is ordered by, from sequence number `timesStart` on.
  private var times: [LogTimestamp] = []
  private var timesStart = 0
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
    let time = record.time ?? times.last ?? LogTimestamp(seconds: 0)
    let text = Self.tagged(record)
    buffer.append(text, source: record.source)
    keptSources.insert(record.source)
    times.append(time)
    if buffer.firstSequence > timesStart {
      times.removeFirst(buffer.firstSequence - timesStart)
      timesStart = buffer.firstSequence
    }
    let sequence = buffer.nextSequence - 1
    guard !buffer.isPaused, sources.contains(record.source), buffer.passingLines(last: 1).first?.sequence == sequence
    else { return }
    show(text, at: time)
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
      show(line.text, at: time(of: line.sequence))
    }
    view.follow = true
  }

  /// `all`, or `≥warn`.
  var levelLabel: String { minimumLevel.map { "≥\($0)" } ?? "all" }

  /// The time a kept line is ordered by.
  func time(of sequence: Int) -> LogTimestamp {
    let index = sequence - timesStart
    return times.indices.contains(index) ? times[index] : LogTimestamp(seconds: 0)
  }

  private mutating func applyFilter(viewport: Int) {
    buffer.setFilter(filter)
    refresh(viewport: viewport)
  }

  /// The line with its pod named: a `src` field inside a JSON line (so it still parses, and the
  /// view shows it up front), else a prefix.
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
