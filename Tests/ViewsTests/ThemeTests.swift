import Foundation
import Testing

@testable import Views

@Suite("Theme")
struct ThemeTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test("every built-in theme parses", arguments: BuiltinThemes.names)
  func builtins(_ name: String) throws {
    let text = try #require(BuiltinThemes.yaml[name])
    let theme = try ThemeParser.parse(text, file: "\(name).yaml", fallback: .default)
    #expect(theme.name == name)
    #expect(BuiltinThemes.theme(named: name) == theme)
  }

  @Test(
    "themes/*.yaml match the themes built into the binary (run scripts/embed-themes.sh)", arguments: BuiltinThemes.names
  )
  func filesMatch(_ name: String) throws {
    let path = Self.packageRoot.appendingPathComponent("themes/\(name).yaml").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == BuiltinThemes.yaml[name])
  }

  @Test("the default theme gives every role a style, and mono is monochrome")
  func roles() {
    let plainRoles = ThemeRole.allCases.filter { Theme.default[$0] == .plain }
    #expect(plainRoles.isEmpty)
    #expect(BuiltinThemes.theme(named: "mono")?.monochrome == true)
    #expect(BuiltinThemes.theme(named: "mono")?[.tableSelection] == Style(attributes: .reverse))
  }

  @Test(
    "a bad theme names the file, line and key",
    arguments: [
      ("styles:\n  table.header: { fg: blurple }\n", 2, "styles.table.header.fg"),
      ("name: x\nstyles:\n  table.headr: { fg: red }\n", 3, "styles.table.headr"),
      ("name: x\ncolours: {}\n", 2, "colours"),
      ("styles:\n  text: { attrs: [blink] }\n", 2, "styles.text.attrs"),
    ])
  func errors(_ yaml: String, _ line: Int, _ key: String) {
    #expect(throws: ThemeError.self) { try ThemeParser.parse(yaml, file: "bad.yaml") }
    do {
      _ = try ThemeParser.parse(yaml, file: "bad.yaml")
    } catch {
      #expect(error.file == "bad.yaml")
      #expect(error.line == line)
      #expect(error.key == key)
      #expect(error.description.hasPrefix("bad.yaml:\(line): key '\(key)'"))
    }
  }

  @Test("user themes load from the config directory; a bad one falls back to default with the error")
  func userThemes() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("views-themes-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "styles:\n  text: { fg: \"#112233\" }\n".write(
      to: dir.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
    try "styles:\n  text: [oops]\n".write(
      to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
    let loader = ThemeLoader(userDirectory: dir.path)
    let (mine, noError) = loader.load("mine")
    #expect(noError == nil)
    #expect(mine[.text].foreground == .rgb(0x11, 0x22, 0x33))
    #expect(mine[.tableHeader] == Theme.default[.tableHeader])
    let (fallback, error) = loader.load("broken")
    #expect(fallback == Theme.default)
    #expect(error?.line == 2)
    #expect(error?.key == "styles.text")
    #expect(loader.availableNames().contains("mine"))
    #expect(loader.load("nope").error != nil)
  }

  @Test("a theme given by its path loads; a missing or broken file says which and why")
  func themeFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("views-theme-files-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = dir.appendingPathComponent("night.yaml")
    try "styles:\n  text: { fg: \"#112233\" }\n".write(to: good, atomically: true, encoding: .utf8)
    let bad = dir.appendingPathComponent("bad.yml")
    try "styles:\n  text: [oops]\n".write(to: bad, atomically: true, encoding: .utf8)
    let loader = ThemeLoader(userDirectory: nil)
    let (night, noError) = loader.load(good.path)
    #expect(noError == nil)
    #expect(night[.text].foreground == .rgb(0x11, 0x22, 0x33))
    #expect(loader.load(bad.path).error?.description.hasPrefix("\(bad.path):2: key 'styles.text'") == true)
    let missing = dir.appendingPathComponent("gone.yaml").path
    #expect(loader.load(missing).error?.description == "\(missing):0: no such file")
  }

  @Test(
    "NO_COLOR and terminfo decide the colour mode",
    arguments: [
      (["NO_COLOR": "1"], 256, ColorMode.none), (["COLORTERM": "truecolor"], 256, .trueColor), ([:], 256, .palette256),
      ([:], 16, .ansi16), ([:], 8, .ansi8), ([:], -1, ColorMode.none),
    ])
  func colorMode(_ environment: [String: String], _ colors: Int, _ expected: ColorMode) {
    #expect(ColorMode.detect(environment: environment, terminfoColors: colors) == expected)
  }
}
