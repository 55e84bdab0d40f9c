import ClusterTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The demo run in a real terminal (tmux): keys, screens, and the terminal restored afterwards.
@Suite("Demo in tmux", .serialized, .enabled(if: Tmux.isAvailable))
struct DemoTmuxTests {
  /// The command that starts the demo: `$AICONSOLE_BIN ui-demo` when set, else `aiconsole ui-demo`
  /// next to the test bundle.
  static var demoCommand: String {
    if let bin = ProcessInfo.processInfo.environment["AICONSOLE_BIN"], !bin.isEmpty {
      return "'\(bin)' ui-demo"
    }
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var products = URL(fileURLWithPath: exe).deletingLastPathComponent()
    if products.pathExtension == "xctest" { products = products.deletingLastPathComponent() }
    return "'\(products.appendingPathComponent("aiconsole").path)' ui-demo"
  }

  /// The pane's script: run the demo, record its pid, then print its exit status and the tty mode.
  static func script(pidFile: String) -> String {
    """
    \(demoCommand) --rows 20000 </dev/tty &
    echo $! > '\(pidFile)'
    wait $!
    echo "__EXITED__ rc=$?"
    stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo -e isig | tr '\\n' ' '; echo __STTY__
    sleep 30
    """
  }

  @Test("keys move, filter and open help; q quits and restores the terminal")
  func keysAndQuit() async throws {
    let tmux = try Tmux(name: "views-keys")
    defer { tmux.kill() }
    try tmux.start(script: Self.script(pidFile: tmux.directory.appendingPathComponent("pid").path))
    var screen = await tmux.waitFor("row 1/20000")
    #expect(screen.contains("model-00000"), "demo did not start:\n\(screen)")
    #expect(tmux.display("#{alternate_on}") == "1")

    tmux.sendKeys("j", "j", "j")
    screen = await tmux.waitFor("row 4/20000")
    #expect(screen.contains("row 4/20000"))

    tmux.sendKeys("/")
    tmux.sendText("model-0004")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor("(10 rows)")
    #expect(screen.contains("[10/20000]"))
    #expect(screen.contains("model-00042"))
    #expect(!screen.contains("model-00000"))

    tmux.sendKeys("?")
    screen = await tmux.waitFor("Help — key bindings")
    #expect(screen.contains("filter the table"))
    tmux.sendKeys("Escape")
    screen = await tmux.waitFor { !$0.contains("Help — key bindings") }
    #expect(!screen.contains("Help — key bindings"))

    tmux.sendKeys("q")
    screen = await tmux.waitFor("__STTY__")
    #expect(screen.contains("__EXITED__ rc=0"))
    #expect(screen.contains("isig icanon echo"), "terminal mode not restored:\n\(screen)")
    #expect(!screen.contains("model-00042"), "alternate screen still shown:\n\(screen)")
    #expect(tmux.display("#{alternate_on}") == "0")
  }

  @Test("a resize below 80x24 shows the too-small screen, and back again relays out")
  func resize() async throws {
    let tmux = try Tmux(name: "views-resize")
    defer { tmux.kill() }
    try tmux.start(script: Self.script(pidFile: tmux.directory.appendingPathComponent("pid").path))
    _ = await tmux.waitFor("row 1/20000")
    tmux.run(["resize-window", "-t", "t", "-x", "70", "-y", "20"])
    var screen = await tmux.waitFor("terminal too small (needs 80x24)")
    #expect(screen.contains("current size: 70x20"))
    tmux.run(["resize-window", "-t", "t", "-x", "100", "-y", "30"])
    screen = await tmux.waitFor("row 1/20000")
    #expect(!screen.contains("too small"))
    #expect(screen.split(separator: "\n").first?.hasPrefix("┏━ Models") == true)
    tmux.sendKeys("q")
    #expect(await tmux.waitFor("__STTY__").contains("__EXITED__ rc=0"))
  }

  @Test("SIGTERM restores the terminal and exits with 143")
  func sigterm() async throws {
    let tmux = try Tmux(name: "views-term")
    defer { tmux.kill() }
    let pidFile = tmux.directory.appendingPathComponent("pid").path
    try tmux.start(script: Self.script(pidFile: pidFile))
    _ = await tmux.waitFor("row 1/20000")
    let text = try String(contentsOfFile: pidFile, encoding: .utf8)
    let pid = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(kill(pid, SIGTERM) == 0)
    let screen = await tmux.waitFor("__STTY__")
    #expect(screen.contains("__EXITED__ rc=143"))
    #expect(screen.contains("isig icanon echo"), "terminal mode not restored:\n\(screen)")
    #expect(tmux.display("#{alternate_on}") == "0")
  }
}
