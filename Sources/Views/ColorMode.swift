/// How many colours the terminal can show; styles are downgraded to fit when written.
public enum ColorMode: Int, Comparable, Hashable, Sendable, CustomStringConvertible {
  /// No colour at all (`NO_COLOR`, a `mono` theme, or a terminal without colours): attributes only.
  case none
  /// The 8 basic ANSI colours.
  case ansi8
  /// The 16 ANSI colours.
  case ansi16
  /// The xterm 256-colour palette.
  case palette256
  /// 24-bit colour.
  case trueColor

  /// Picks the mode from the environment (`NO_COLOR`, `COLORTERM`) and terminfo's `colors`.
  public static func detect(environment: [String: String], terminfoColors: Int) -> ColorMode {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
    let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
    if terminfoColors >= 8 && (colorTerm == "truecolor" || colorTerm == "24bit") { return .trueColor }
    switch terminfoColors {
    case 256...: return .palette256
    case 16...: return .ansi16
    case 8...: return .ansi8
    default: return .none
    }
  }

  /// Orders modes from fewest to most colours.
  public static func < (lhs: ColorMode, rhs: ColorMode) -> Bool { lhs.rawValue < rhs.rawValue }

  /// A short name.
  public var description: String {
    switch self {
    case .none: "none"
    case .ansi8: "8"
    case .ansi16: "16"
    case .palette256: "256"
    case .trueColor: "truecolor"
    }
  }
}
