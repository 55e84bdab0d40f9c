import Foundation

/// Finds themes by name: a user's `~/.config/aiconsole/themes/NAME.yaml` first, then the built-in
/// ones; or reads a theme file given by its path. A bad file yields the default theme together
/// with an error naming file, line and key.
public struct ThemeLoader: Sendable {
  /// The directory of user themes, if any.
  public var userDirectory: String?

  /// A loader reading user themes from `userDirectory`.
  public init(userDirectory: String?) {
    self.userDirectory = userDirectory
  }

  /// A loader reading user themes from `$XDG_CONFIG_HOME/aiconsole/themes` or `~/.config/aiconsole/themes`.
  public init(environment: [String: String]) {
    if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
      userDirectory = xdg + "/aiconsole/themes"
    } else if let home = environment["HOME"], !home.isEmpty {
      userDirectory = home + "/.config/aiconsole/themes"
    } else {
      userDirectory = nil
    }
  }

  /// The theme called `name` — a user theme, a built-in one, or a file when `name` is a path (it
  /// holds a `/` or ends in `.yaml`/`.yml`) — or the default theme and the reason it could not
  /// be used.
  public func load(_ name: String) -> (theme: Theme, error: ThemeError?) {
    if Self.isPath(name) { return loadFile(Self.expandingHome(name)) }
    if let path = userPath(for: name) { return loadFile(path) }
    if let theme = BuiltinThemes.theme(named: name) { return (theme, nil) }
    let known = availableNames().joined(separator: ", ")
    return (.default, ThemeError(file: "\(name).yaml", line: 0, key: "", message: "no such theme (known: \(known))"))
  }

  /// Built-in theme names followed by user theme names.
  public func availableNames() -> [String] {
    var names = BuiltinThemes.names
    if let userDirectory, let files = try? FileManager.default.contentsOfDirectory(atPath: userDirectory) {
      for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
        let stem = ThemeParser.fileStem(file)
        if !names.contains(stem) { names.append(stem) }
      }
    }
    return names
  }

  private func loadFile(_ path: String) -> (theme: Theme, error: ThemeError?) {
    guard FileManager.default.fileExists(atPath: path) else {
      return (.default, ThemeError(file: path, line: 0, key: "", message: "no such file"))
    }
    do {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      return (try ThemeParser.parse(text, file: path, fallback: .default), nil)
    } catch let error as ThemeError {
      return (.default, error)
    } catch {
      return (.default, ThemeError(file: path, line: 0, key: "", message: "cannot read: \(error)"))
    }
  }

  private static func isPath(_ name: String) -> Bool {
    name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
  }

  private static func expandingHome(_ path: String) -> String {
    guard path.hasPrefix("~/") else { return path }
    return NSHomeDirectory() + path.dropFirst()
  }

  private func userPath(for name: String) -> String? {
    guard let userDirectory, !name.contains("/") else { return nil }
    for suffix in [".yaml", ".yml"] {
      let path = "\(userDirectory)/\(name)\(suffix)"
      if FileManager.default.fileExists(atPath: path) { return path }
    }
    return nil
  }
}
