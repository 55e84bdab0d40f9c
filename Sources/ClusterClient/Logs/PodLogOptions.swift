import KubeCore

/// What to read of a pod's log and how to keep following it.
public struct PodLogOptions: Sendable, Equatable {
  /// Keep the stream open for new lines (`follow=true`); otherwise read what is there and end.
  public var follow: Bool
  /// Start with only the last lines.
  public var tailLines: Int?
  /// Start with the lines written at or after this time.
  public var sinceTime: LogTimestamp?
  /// The most bytes kept of one line as the server sends it, timestamp prefix included; longer
  /// lines are truncated with a marker.
  public var maximumLineBytes: Int
  /// The waits between reconnects.
  public var backoff: ReconnectBackoff

  /// Options for following a log from its start (or its tail, or a time).
  public init(
    follow: Bool = true, tailLines: Int? = nil, sinceTime: LogTimestamp? = nil, maximumLineBytes: Int = 1 << 20,
    backoff: ReconnectBackoff = ReconnectBackoff()
  ) {
    self.follow = follow
    self.tailLines = tailLines
    self.sinceTime = sinceTime
    self.maximumLineBytes = maximumLineBytes
    self.backoff = backoff
  }

  /// The request for `source`: always with timestamps, since resuming depends on them. A resume
  /// replaces `tailLines` and `sinceTime` by the time where the last connection left off. A
  /// previous run has ended, so it is read (`previous=true`), never followed.
  func path(for source: LogSource, resumingFrom resume: LogTimestamp?) -> String {
    var query = ["timestamps=true"]
    if follows(source) { query.append("follow=true") }
    if let container = source.container { query.append("container=\(PathEscaping.segment(container))") }
    if source.previous { query.append("previous=true") }
    if let resume {
      query.append("sinceTime=\(PathEscaping.segment(resume.rfc3339Seconds))")
    } else {
      if let tailLines { query.append("tailLines=\(tailLines)") }
      if let sinceTime { query.append("sinceTime=\(PathEscaping.segment(sinceTime.rfc3339))") }
    }
    return source.logPath + "?" + query.joined(separator: "&")
  }

  /// Whether `source`'s stream stays open for new lines: not for a previous run, which has ended.
  func follows(_ source: LogSource) -> Bool { follow && !source.previous }
}
