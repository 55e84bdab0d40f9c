/// Where a followed log got to, so that a reconnect asking for `sinceTime` can skip what was
/// already delivered. The log API only filters by time, and several lines can share a stamp (and
/// a text), so this remembers the last stamp and how many lines of each text carried it: after a
/// reconnect, lines before that stamp are old, and at that stamp as many of each text as were
/// delivered are old.
public struct LogResumePoint: Sendable, Equatable {
  /// The newest write time delivered.
  public private(set) var last: LogTimestamp?
  private var deliveredAtLast: [String: Int] = [:]
  private var stillToSkip: [String: Int]?

  /// Nothing delivered yet.
  public init() {}

  /// Marks the start of a new connection that replays from `last`.
  public mutating func reconnected() {
    stillToSkip = last == nil ? nil : deliveredAtLast
  }

  /// Whether a line is new (and then remembers it) or a replay of one already delivered. Lines
  /// without a stamp cannot be matched and always count as new.
  public mutating func admit(timestamp: LogTimestamp?, text: String) -> Bool {
    guard let timestamp else { return true }
    if let last, var skip = stillToSkip {
      if timestamp < last { return false }
      if timestamp == last, let count = skip[text], count > 0 {
        skip[text] = count - 1
        stillToSkip = skip
        return false
      }
      if timestamp > last { stillToSkip = nil }
    }
    remember(timestamp, text)
    return true
  }

  /// The `sinceTime` to reconnect with: the last stamp rounded down to the second, since servers
  /// differ in the precision they accept and the skip above removes what comes earlier.
  public var sinceTime: LogTimestamp? { last.map { LogTimestamp(seconds: $0.seconds) } }

  private mutating func remember(_ timestamp: LogTimestamp, _ text: String) {
    guard let last, timestamp <= last else {
      last = timestamp
      deliveredAtLast = [text: 1]
      return
    }
    // An older stamp (a writer's clock stepped back) is delivered but is not a resume point.
    if timestamp == last { deliveredAtLast[text, default: 0] += 1 }
  }
}
