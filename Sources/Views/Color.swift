/// A terminal colour: the terminal's default, one of the 16 ANSI colours, a 256-palette index or RGB.
public enum Color: Hashable, Sendable {
  /// The terminal's own default foreground or background.
  case `default`
  /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
  case ansi(UInt8)
  /// An index in the xterm 256-colour palette.
  case indexed(UInt8)
  /// A 24-bit colour.
  case rgb(UInt8, UInt8, UInt8)

  /// The ANSI colour names accepted in themes, in palette order.
  public static let ansiNames = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow",
    "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
  ]

  /// Parses `default`, an ANSI name (`red`, `bright-red`, `gray`), a palette index (`0`–`255`) or `#rrggbb`.
  public init?(parsing text: String) {
    let name = String(text.lowercased().map { $0 == "_" ? "-" : $0 })
    if name == "default" || name == "none" {
      self = .default
    } else if let index = Color.ansiNames.firstIndex(of: name) {
      self = .ansi(UInt8(index))
    } else if name == "gray" || name == "grey" {
      self = .ansi(8)
    } else if let n = UInt8(name) {
      self = .indexed(n)
    } else if name.hasPrefix("#"), name.count == 7, let v = UInt32(name.dropFirst(), radix: 16) {
      self = .rgb(UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff))
    } else {
      return nil
    }
  }
}
