/// A set of styles by semantic role, loaded from YAML; a value passed to every render function.
public struct Theme: Hashable, Sendable {
  /// The theme's name (its file name without `.yaml`).
  public var name: String
  /// Whether the theme wants no colour at all (the `mono` theme).
  public var monochrome: Bool
  private var styles: [Style]

  /// A theme with every role in `fallback` (plain by default) except those given.
  public init(name: String, monochrome: Bool = false, styles: [ThemeRole: Style] = [:], fallback: Theme? = nil) {
    self.name = name
    self.monochrome = monochrome
    self.styles = fallback?.styles ?? Array(repeating: .plain, count: ThemeRole.allCases.count)
    for (role, style) in styles { self.styles[role.rawValue] = style }
  }

  /// The style of a role.
  public subscript(role: ThemeRole) -> Style {
    get { styles[role.rawValue] }
    set { styles[role.rawValue] = newValue }
  }

  /// The built-in dark theme, used when no theme is chosen or a theme file is bad.
  public static let `default`: Theme = BuiltinThemes.theme(named: "default")!

  /// A theme with no styles at all: tests use it to compare text only.
  public static let plain = Theme(name: "plain")
}
