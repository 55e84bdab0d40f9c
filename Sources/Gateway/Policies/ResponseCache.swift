import Foundation
import Synchronization

/// The exact-match cache of routes with `cache.enabled`: the same model, endpoint, prompt and
/// token budget get the stored completion until its TTL passes. Synchronous, behind a lock, as
/// the proxy path reads it on its event loop.
final class ResponseCache: Sendable {
  struct Key: Hashable, Sendable {
    var route: String
    var endpoint: String
    var model: String
    var prompt: String
    var maxTokens: Int
  }

  struct Entry: Sendable {
    var text: String
    var promptTokens: Int
    var completionTokens: Int
    var finishReason: String
    var expires: ContinuousClock.Instant
  }

  private let entries = Mutex<[Key: Entry]>([:])
  /// Bounds memory: past this many entries the expired ones go, then the oldest.
  let limit: Int

  init(limit: Int = 10_000) { self.limit = limit }

  func lookup(_ key: Key) -> Entry? {
    entries.withLock { entries in
      guard let entry = entries[key] else { return nil }
      if entry.expires < .now {
        entries[key] = nil
        return nil
      }
      return entry
    }
  }

  func store(_ entry: Entry, for key: Key) {
    entries.withLock { entries in Self.store(entry, for: key, in: &entries, limit: limit) }
  }

  private static func store(_ entry: Entry, for key: Key, in entries: inout [Key: Entry], limit: Int) {
    if entries.count >= limit {
      let now = ContinuousClock.now
      entries = entries.filter { $0.value.expires > now }
      if entries.count >= limit, let oldest = entries.min(by: { $0.value.expires < $1.value.expires }) {
        entries[oldest.key] = nil
      }
    }
    entries[key] = entry
  }
}
