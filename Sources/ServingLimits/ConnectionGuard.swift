import Logging
import NIOCore
import Synchronization

/// Admits or refuses each accepted connection of one listener: at most `maxConnections` open, at
/// most `maxPerClient` from one address, and never so many that fewer than `descriptorReserve`
/// descriptors are left. When full, the oldest connection that has sent nothing is closed to make
/// room (as nginx reuses idle connections), so a flood of silent connections cannot lock out a
/// client with a real request; when none can be reclaimed, the new connection is closed at once.
public final class ConnectionGuard: Sendable {
  public let limits: ConnectionLimits
  private let logger: Logger
  private let state = Mutex(Book())
  /// How the descriptors in use are counted; injectable so tests need not exhaust the process.
  private let descriptors: @Sendable () -> (open: Int?, limit: Int)

  /// Why a connection was not admitted.
  public enum Refusal: Error, Sendable, Equatable {
    case tooManyConnections(limit: Int)
    case tooManyFromClient(address: String, limit: Int)
    case descriptorsLow(open: Int?, limit: Int)
  }

  /// What the guard knows of the connections it admitted.
  private struct Book {
    var entries: [ObjectIdentifier: Entry] = [:]
    var perClient: [String: Int] = [:]
    var sequence = 0
    var refused = 0
    var reclaimed = 0
    var lastWarning: ContinuousClock.Instant?
  }

  private struct Entry {
    let channel: any Channel
    let client: String
    let order: Int
    var reclaimable: Bool
  }

  /// A guard for `limits`, counting the process's descriptors.
  public init(
    limits: ConnectionLimits, logger: Logger,
    descriptors: @escaping @Sendable () -> (open: Int?, limit: Int) = {
      (DescriptorLimit.openCount(), DescriptorLimit.softLimit())
    }
  ) {
    self.limits = limits
    self.logger = logger
    self.descriptors = descriptors
  }

  /// Connections open now, how many of them may be reclaimed, refused so far, and closed to make
  /// room so far.
  public var counts: (open: Int, reclaimable: Int, refused: Int, reclaimed: Int) {
    state.withLock { book in
      (book.entries.count, book.entries.values.count { $0.reclaimable }, book.refused, book.reclaimed)
    }
  }

  /// Admits `channel` from `client` (its address), or says why not; the caller closes a refused
  /// one. An admitted channel leaves the book when it closes.
  public func admit(_ channel: any Channel, client: String) -> Refusal? {
    let (open, limit) = descriptors()
    let descriptorsLow = open.map { limit - $0 < limits.descriptorReserve } ?? true
    var victim: (any Channel)?
    let refusal: Refusal? = state.withLock { book in
      if descriptorsLow || book.entries.count >= limits.maxConnections {
        guard let oldest = Self.oldestReclaimable(in: book, client: nil) else {
          return descriptorsLow
            ? .descriptorsLow(open: open, limit: limit) : .tooManyConnections(limit: limits.maxConnections)
        }
        victim = Self.remove(oldest, from: &book)
        book.reclaimed += 1
      } else if book.perClient[client, default: 0] >= limits.maxPerClient {
        guard let oldest = Self.oldestReclaimable(in: book, client: client) else {
          return .tooManyFromClient(address: client, limit: limits.maxPerClient)
        }
        victim = Self.remove(oldest, from: &book)
        book.reclaimed += 1
      }
      book.sequence += 1
      book.entries[ObjectIdentifier(channel)] = Entry(
        channel: channel, client: client, order: book.sequence, reclaimable: true)
      book.perClient[client, default: 0] += 1
      return nil
    }
    if let victim { victim.close(promise: nil) }
    if let refusal { noteRefusal(refusal) } else { forgetOnClose(channel) }
    return refusal
  }

  /// Marks whether `channel` may be closed to make room (see `ConnectionTimer.isReclaimable`).
  public func setReclaimable(_ channel: any Channel, _ reclaimable: Bool) {
    state.withLock { $0.entries[ObjectIdentifier(channel)]?.reclaimable = reclaimable }
  }

  private func forgetOnClose(_ channel: any Channel) {
    let key = ObjectIdentifier(channel)
    channel.closeFuture.whenComplete { _ in
      self.state.withLock { book in _ = Self.remove(key, from: &book) }
    }
  }

  private static func oldestReclaimable(in book: Book, client: String?) -> ObjectIdentifier? {
    var best: (key: ObjectIdentifier, order: Int)?
    for (key, entry) in book.entries where entry.reclaimable && (client == nil || entry.client == client) {
      if best == nil || entry.order < best!.order { best = (key, entry.order) }
    }
    return best?.key
  }

  /// Takes `key` out of the book, returning its channel if it was there.
  private static func remove(_ key: ObjectIdentifier, from book: inout Book) -> (any Channel)? {
    guard let entry = book.entries.removeValue(forKey: key) else { return nil }
    let remaining = book.perClient[entry.client, default: 1] - 1
    book.perClient[entry.client] = remaining > 0 ? remaining : nil
    return entry.channel
  }

  /// Counts a refusal and warns about it at most every ten seconds.
  private func noteRefusal(_ refusal: Refusal) {
    let now = ContinuousClock.now
    let warn = state.withLock { book -> Bool in
      book.refused += 1
      guard book.lastWarning.map({ now - $0 >= .seconds(10) }) ?? true else { return false }
      book.lastWarning = now
      return true
    }
    if warn { logger.warning("refusing connections", metadata: ["reason": "\(refusal)"]) }
  }
}
