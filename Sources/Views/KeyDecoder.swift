/// Decodes terminal input bytes into events: UTF-8 text, control and Alt combinations, CSI and SS3
/// sequences (arrows, Home/End, PgUp/PgDn, F-keys with modifiers), SGR mouse and bracketed paste.
///
/// A lone Esc cannot be told from the start of a sequence until more bytes arrive; the input
/// loop waits a short `escapeDelay` and then calls `flush()`, so Esc never has the classic
/// one-second lag.
public struct KeyDecoder: Sendable {
  /// How long a lone Esc waits for the rest of a sequence, in milliseconds.
  public static let escapeDelay: Int32 = 25

  private var pending: [UInt8] = []
  private var pasting = false
  private var pasted: [UInt8] = []
  private static let pasteEnd: [UInt8] = Array("\u{1b}[201~".utf8)

  /// A decoder with nothing pending.
  public init() {}

  /// Whether bytes wait for more input (the caller should `flush()` after `escapeDelay`).
  public var hasPending: Bool { !pending.isEmpty && !pasting }

  /// Feeds bytes read from the terminal; returns the complete events they finish.
  public mutating func feed(_ bytes: some Sequence<UInt8>) -> [InputEvent] {
    pending.append(contentsOf: bytes)
    var events: [InputEvent] = []
    while !pending.isEmpty {
      if pasting {
        guard let event = takePaste() else { break }
        events.append(event)
        continue
      }
      guard let (token, used) = KeyDecoder.parse(pending[...]) else { break }
      pending.removeFirst(used)
      switch token {
      case .event(let event): events.append(event)
      case .pasteStart: pasting = true
      case .ignored: break
      }
    }
    return events
  }

  /// Gives up waiting: a pending Esc becomes the Esc key, and what follows is decoded as typed.
  public mutating func flush() -> [InputEvent] {
    guard hasPending else { return [] }
    var events: [InputEvent] = []
    if pending.first == 0x1b {
      pending.removeFirst()
      events.append(.key(KeyEvent(.escape)))
    }
    let rest = pending
    pending = []
    events += feed(rest)
    if hasPending { pending = [] }
    return events
  }

  private mutating func takePaste() -> InputEvent? {
    if let end = KeyDecoder.find(KeyDecoder.pasteEnd, in: pending) {
      pasted += pending[..<end]
      pending.removeFirst(end + KeyDecoder.pasteEnd.count)
      pasting = false
      defer { pasted = [] }
      return .paste(String(decoding: pasted, as: UTF8.self))
    }
    let keep = min(pending.count, KeyDecoder.pasteEnd.count - 1)
    pasted += pending[..<(pending.count - keep)]
    pending.removeFirst(pending.count - keep)
    return nil
  }

  private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
    guard hay.count >= needle.count else { return nil }
    for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
      return i
    }
    return nil
  }
}
