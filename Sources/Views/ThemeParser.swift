import Yams

/// Parses theme YAML:
///
/// ```yaml
/// name: default
/// monochrome: false
/// styles:
///   table.header: { fg: black, bg: "#5f87af", attrs: [bold] }
/// ```
///
/// Roles not given keep the fallback theme's style. Errors name the file, line and key.
public enum ThemeParser {
  /// Parses `yaml` read from `file`; missing roles come from `fallback`.
  public static func parse(_ yaml: String, file: String, fallback: Theme? = nil) throws(ThemeError) -> Theme {
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: yaml) else {
        throw ThemeError(file: file, line: 1, key: "", message: "empty theme file")
      }
      root = node
    } catch let error as ThemeError {
      throw error
    } catch {
      throw ThemeError(file: file, line: yamlLine(error), key: "", message: "invalid YAML: \(error)")
    }
    guard let mapping = root.mapping else {
      throw ThemeError(file: file, line: line(root), key: "", message: "expected a mapping at the top level")
    }
    var theme = Theme(name: fileStem(file), fallback: fallback)
    for (keyNode, value) in mapping {
      try apply(key: keyNode.string ?? "", value: value, keyNode: keyNode, to: &theme, file: file)
    }
    return theme
  }

  private static func apply(key: String, value: Node, keyNode: Node, to theme: inout Theme, file: String)
    throws(ThemeError)
  {
    switch key {
    case "name":
      theme.name = value.string ?? theme.name
    case "monochrome":
      guard let flag = value.bool else { throw error(file, value, key, "expected true or false") }
      theme.monochrome = flag
    case "styles":
      guard let styles = value.mapping else { throw error(file, value, key, "expected a mapping of roles") }
      for (roleNode, styleNode) in styles {
        let roleKey = roleNode.string ?? ""
        guard let role = ThemeRole(key: roleKey) else {
          throw error(file, roleNode, "styles.\(roleKey)", "unknown role (known: \(knownRoles))")
        }
        theme[role] = try style(styleNode, path: "styles.\(roleKey)", file: file)
      }
    default:
      throw error(file, keyNode, key, "unknown key (expected name, monochrome, styles)")
    }
  }

  private static func style(_ node: Node, path: String, file: String) throws(ThemeError) -> Style {
    guard let fields = node.mapping else { throw error(file, node, path, "expected a mapping with fg, bg, attrs") }
    var style = Style()
    for (keyNode, value) in fields {
      let field = keyNode.string ?? ""
      let fieldPath = "\(path).\(field)"
      switch field {
      case "fg", "bg":
        guard let text = value.string, let color = Color(parsing: text) else {
          throw error(file, value, fieldPath, "unknown colour '\(value.string ?? "")' (use a name, 0-255 or #rrggbb)")
        }
        if field == "fg" { style.foreground = color } else { style.background = color }
      case "attrs":
        style.attributes = try attributes(value, path: fieldPath, file: file)
      default:
        throw error(file, keyNode, fieldPath, "unknown field (expected fg, bg, attrs)")
      }
    }
    return style
  }

  private static func attributes(_ node: Node, path: String, file: String) throws(ThemeError) -> TextAttributes {
    let names: [Node] = node.sequence.map { Array($0) } ?? [node]
    var result: TextAttributes = []
    for nameNode in names {
      for name in (nameNode.string ?? "").split(separator: " ") {
        guard let attribute = TextAttributes.named.first(where: { $0.name == name }) else {
          throw error(file, nameNode, path, "unknown attribute '\(name)'")
        }
        result.insert(attribute.value)
      }
    }
    return result
  }

  private static var knownRoles: String { ThemeRole.allCases.map(\.key).joined(separator: ", ") }

  private static func error(_ file: String, _ node: Node, _ key: String, _ message: String) -> ThemeError {
    ThemeError(file: file, line: line(node), key: key, message: message)
  }

  private static func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

  private static func yamlLine(_ error: Error) -> Int {
    guard let yamlError = error as? YamlError else { return 0 }
    switch yamlError {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
    case .duplicatedKeysInMapping(_, let context): return context.mark.line
    default: return 0
    }
  }

  /// The file name without directory and `.yaml`.
  static func fileStem(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
    return name
  }
}
