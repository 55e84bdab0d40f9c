import Foundation

/// Where an informer's cache stands against the server, in words an operator reads in a header.
public enum SyncState: Sendable, Equatable {
  /// Listing: `loaded` objects so far of `total` when the server said how many.
  case syncing(loaded: Int, total: Int?)
  /// The cache holds the server's state and a watch is following it.
  case synced
  /// The connection is lost since `since`; the next attempt is at `retryAt`.
  case disconnected(since: Date, retryAt: Date, reason: String)

  public var isSynced: Bool { self == .synced }

  /// `syncing 4,210/10,000`, `synced`, `disconnected since 12:03:04, retrying in 4s`.
  public func description(now: Date = Date()) -> String {
    switch self {
    case .syncing(let loaded, let total):
      return "syncing " + Self.grouped(loaded) + (total.map { "/" + Self.grouped($0) } ?? "")
    case .synced: return "synced"
    case .disconnected(let since, let retryAt, _):
      let seconds = max(0, Int(retryAt.timeIntervalSince(now).rounded(.up)))
      return "disconnected since \(Self.clock(since)), retrying in \(seconds)s"
    }
  }

  static func grouped(_ number: Int) -> String {
    let digits = String(number)
    var result = ""
    for (index, character) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return result
  }

  private static func clock(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "HH:mm:ss"
    return formatter.string(from: date)
  }
}
