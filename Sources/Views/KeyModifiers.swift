/// Modifier keys held with a key.
public struct KeyModifiers: OptionSet, Hashable, Sendable {
  /// The raw bits.
  public let rawValue: UInt8
  /// Creates modifiers from raw bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// Shift.
  public static let shift = KeyModifiers(rawValue: 1)
  /// Alt / Meta (sent as an Esc prefix).
  public static let alt = KeyModifiers(rawValue: 2)
  /// Control.
  public static let ctrl = KeyModifiers(rawValue: 4)

  /// Decodes the xterm modifier parameter (`1 + bits`) used in `ESC [ 1 ; m X`.
  init(xtermParameter: Int) {
    let bits = max(0, xtermParameter - 1)
    var m: KeyModifiers = []
    if bits & 1 != 0 { m.insert(.shift) }
    if bits & 2 != 0 { m.insert(.alt) }
    if bits & 4 != 0 { m.insert(.ctrl) }
    self = m
  }
}
