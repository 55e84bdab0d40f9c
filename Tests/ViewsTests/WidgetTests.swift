import Testing

@testable import Views

enum TestAction: Hashable, Sendable { case help, delete, down }

let testKeyMap = KeyMap<TestAction>([
  KeyBinding([.char("?")], .help, label: "help"),
  KeyBinding([.ctrl("d")], .delete, label: "delete", isMutating: true),
  KeyBinding([.char("j"), KeyEvent(.down)], .down, label: "down", group: "Nav", showInHints: false),
])

@Suite("KeyMap, StatusBar and HelpOverlay")
struct KeyMapTests {
  @Test("hints come from the binding table, dangerous ones marked")
  func hints() {
    let buffer = frame(50, 1) {
      StatusBar(left: "ns: default", right: "ctx", keyMap: testKeyMap).render(into: &$0, area: $1, theme: .default)
    }
    #expect(buffer.lines() == [" ns: default  <?>help <ctrl-d>delete          ctx "])
    #expect(buffer[x: 22, y: 0].style == Theme.default[.hintDangerous])
    #expect(buffer[x: 14, y: 0].style == Theme.default[.hintKey])
  }

  @Test("read-only mode drops mutating bindings from hints and refuses them")
  func readOnly() {
    var map = testKeyMap
    map.readOnly = true
    #expect(
      snapshot(50, 1) {
        StatusBar(left: "ns: default", right: "ctx", keyMap: map).render(into: &$0, area: $1, theme: .plain)
      } == [
        " ns: default  <?>help                         ctx "
      ])
    #expect(map.action(for: .ctrl("d")) == nil)
    #expect(map.refusedInReadOnly(.ctrl("d"))?.label == "delete")
    #expect(map.action(for: KeyEvent(.down)) == .down)
  }

  @Test("help lists every binding by section, read-only ones marked")
  func help() {
    var map = testKeyMap
    map.readOnly = true
    #expect(
      snapshot(40, 12) { HelpOverlay(keyMap: map, title: "Help").render(into: &$0, area: $1, theme: .plain) } == [
        "                                        ",
        "                                        ",
        "    ┏━ Help ━━━━━━━━━━━━━━━━━━━━━━┓     ",
        "    ┃ General                     ┃     ",
        "    ┃ ?       help                ┃     ",
        "    ┃ ctrl-d  delete (read-only)  ┃     ",
        "    ┃                             ┃     ",
        "    ┃ Nav                         ┃     ",
        "    ┃ j/↓     down                ┃     ",
        "    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛     ",
        "                                        ",
        "                                        ",
      ])
  }
}

@Suite("Tabs")
struct TabsTests {
  @Test(
    "numbers the tabs and marks the active one",
    arguments: [
      (30, " 1 Models │ 2 Logs │ 3 Events "), (16, " 1 Models │…    "),
    ])
  func tabs(_ width: Int, _ expected: String) {
    let buffer = frame(width, 1) {
      Tabs(titles: ["Models", "Logs", "Events"], selected: 1).render(into: &$0, area: $1, theme: .default)
    }
    #expect(buffer.lines() == [expected])
    #expect(buffer[x: 0, y: 0].style == Theme.default[.tabInactive])
  }
}

@Suite("Prompt")
struct PromptTests {
  static func type(_ text: String, into prompt: inout PromptState) {
    for c in text { _ = prompt.handle(.key(.char(c))) }
  }

  @Test("shows the completion ghost and completes with Tab")
  func completion() {
    var prompt = PromptState(prefix: ":", candidates: ["aicluster", "airoute", "aiapp"])
    Self.type("aic", into: &prompt)
    #expect(
      snapshot(20, 1) { Prompt().render(into: &$0, area: $1, state: prompt, theme: .plain) } == [":aicluster          "]
    )
    _ = prompt.handle(.key(KeyEvent(.tab)))
    #expect(prompt.text == "aicluster")
    var shared = PromptState(prefix: ":", candidates: ["airoute", "airoutes"])
    Self.type("ai", into: &shared)
    _ = shared.handle(.key(KeyEvent(.tab)))
    #expect(shared.text == "airoute")
  }

  @Test("edits at the cursor and recalls history")
  func editingAndHistory() {
    var prompt = PromptState(prefix: "/")
    Self.type("helo", into: &prompt)
    _ = prompt.handle(.key(KeyEvent(.left)))
    Self.type("l", into: &prompt)
    #expect(prompt.handle(.key(KeyEvent(.enter))) == .submitted("hello"))
    prompt.setText("")
    Self.type("x", into: &prompt)
    _ = prompt.handle(.key(KeyEvent(.up)))
    #expect(prompt.text == "hello")
    _ = prompt.handle(.key(KeyEvent(.down)))
    #expect(prompt.text == "x")
    _ = prompt.handle(.paste("yz\n"))
    #expect(prompt.text == "xyz")
    _ = prompt.handle(.key(.ctrl("w")))
    #expect(prompt.text == "")
    #expect(prompt.handle(.key(KeyEvent(.escape))) == .cancelled)
  }
}

@Suite("Form")
struct FormTests {
  static func form() -> FormState {
    FormState(fields: [
      FormField("Replicas", kind: .number(0...10), value: "3"),
      FormField("Weight", kind: .slider(0...100, step: 10), value: "50"),
      FormField("Runtime", kind: .choice(["vllm", "tgi"]), value: "vllm"),
      FormField("Name", validate: { $0.isEmpty ? "required" : nil }),
    ])
  }

  @Test("a failed submit shows each field's message and focuses the first bad one")
  func validation() {
    var form = Self.form()
    #expect(form.handle(.key(KeyEvent(.enter))) == .editing)
    #expect(form.focus == 3)
    #expect(
      snapshot(36, 6) { Form().render(into: &$0, area: $1, state: form, theme: .plain) } == [
        "Replicas  3                         ",
        "Weight    ██████████·········· 50   ",
        "Runtime     vllm                    ",
        "Name                                ",
        "          ✗ required                ",
        "                                    ",
      ])
  }

  @Test("number ranges, sliders and choices, then a successful submit")
  func editing() {
    var form = Self.form()
    _ = form.handle(.key(KeyEvent(.right)))  // keeps the value instead of replacing it
    _ = form.handle(.key(.char("0")))
    #expect(form.fields[0].error == "must be between 0 and 10")
    _ = form.handle(.key(KeyEvent(.backspace)))
    _ = form.handle(.key(KeyEvent(.tab)))
    _ = form.handle(.key(KeyEvent(.right)))
    #expect(form.fields[1].value == "60")
    _ = form.handle(.key(KeyEvent(.tab)))
    _ = form.handle(.key(KeyEvent(.right)))
    #expect(form.fields[2].value == "tgi")
    _ = form.handle(.key(KeyEvent(.tab)))
    _ = form.handle(.paste("route-a"))
    #expect(
      form.handle(.key(KeyEvent(.enter)))
        == .submitted(["Replicas": "3", "Weight": "60", "Runtime": "tgi", "Name": "route-a"]))
  }
}

@Suite("ConfirmDialog")
struct ConfirmDialogTests {
  @Test("a dangerous dialog starts on No")
  func dangerous() {
    var dialog = ConfirmDialog(title: "Delete", message: "Delete model-1?", isDangerous: true)
    let buffer = frame(40, 8) { dialog.render(into: &$0, area: $1, theme: .default) }
    #expect(
      buffer.lines() == [
        "                                        ",
        "     ┏━ Delete ━━━━━━━━━━━━━━━━━━━┓     ",
        "     ┃ Delete model-1?            ┃     ",
        "     ┃                            ┃     ",
        "     ┃         Yes    No          ┃     ",
        "     ┃                            ┃     ",
        "     ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛     ",
        "                                        ",
      ])
    #expect(buffer[x: 21, y: 4].style == Theme.default[.buttonFocus])
    #expect(dialog.handle(KeyEvent(.enter)) == .cancelled)
    #expect(dialog.handle(KeyEvent(.left)) == .open)
    #expect(dialog.handle(KeyEvent(.enter)) == .confirmed)
    #expect(dialog.handle(.char("n")) == .cancelled)
  }

  @Test("a message wider than the box is wrapped over several lines, nothing cut")
  func wrapsLongMessage() {
    let dialog = ConfirmDialog(
      title: "Owned", message: "The next reconcile of InferenceService demo/assistant would undo it. Scale it instead?")
    #expect(
      snapshot(50, 9) { dialog.render(into: &$0, area: $1, theme: .default) } == [
        " ┏━ Owned ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓ ",
        " ┃ The next reconcile of InferenceService       ┃ ",
        " ┃ demo/assistant would undo it. Scale it       ┃ ",
        " ┃ instead?                                     ┃ ",
        " ┃                                              ┃ ",
        " ┃                  Yes    No                   ┃ ",
        " ┃                                              ┃ ",
        " ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛ ",
        "                                                  ",
      ])
  }
}

@Suite("FlashMessage")
struct FlashMessageTests {
  @Test("is bright, then dims, then is gone")
  func fades() {
    let flash = FlashMessage("scaled to 3", lifetime: .seconds(4))
    let bright = frame(20, 1) { flash.render(into: &$0, area: $1, age: .seconds(1), theme: .default) }
    #expect(bright.lines() == [" scaled to 3        "])
    #expect(bright[x: 1, y: 0].style == Theme.default[.flashInfo])
    let dim = frame(20, 1) { flash.render(into: &$0, area: $1, age: .milliseconds(3500), theme: .default) }
    #expect(dim[x: 1, y: 0].style.attributes.contains(.dim))
    #expect(
      snapshot(20, 1) { flash.render(into: &$0, area: $1, age: .seconds(5), theme: .default) } == [
        String(repeating: " ", count: 20)
      ])
  }
}

@Suite("TreeView")
struct TreeTests {
  static let roots = [
    TreeNode(
      id: "a", label: "app",
      children: [
        TreeNode(id: "b", label: "svc", children: [TreeNode(id: "d", label: "pod")]), TreeNode(id: "c", label: "route"),
      ]),
    TreeNode(id: "e", label: "other"),
  ]

  @Test("draws guides and expand markers")
  func guides() {
    let state = TreeState(expanded: ["a", "b"], selectedID: "d")
    #expect(
      snapshot(20, 5) { TreeView(roots: Self.roots).render(into: &$0, area: $1, state: state, theme: .plain) } == [
        "▾ app               ", "├─▾ svc             ", "│ └─  pod           ", "└─  route           ",
        "  other             ",
      ])
  }

  @Test("expands, collapses and moves to the parent")
  func keys() {
    var state = TreeState(selectedID: "a")
    state.handle(KeyEvent(.right), roots: Self.roots)
    #expect(state.lines(Self.roots).map(\.node.id) == ["a", "b", "c", "e"])
    state.handle(.char("j"), roots: Self.roots)
    state.handle(KeyEvent(.left), roots: Self.roots)
    #expect(state.selectedID == "a")
    state.handle(KeyEvent(.left), roots: Self.roots)
    #expect(state.lines(Self.roots).map(\.node.id) == ["a", "e"])
  }
}

@Suite("KeyValueList and ConditionList")
struct DescribeListsTests {
  @Test("aligns keys and cuts long values")
  func keyValue() {
    let list = KeyValueList(items: [
      .init("Name", "model-1"), .init("Namespace", "team-a"), .init("Image", "registry/very/long/image:tag"),
    ])
    #expect(
      snapshot(24, 3) { list.render(into: &$0, area: $1, theme: .plain) } == [
        "Name:      model-1      ", "Namespace: team-a       ", "Image:     registry/ver…",
      ])
  }

  @Test("colours each condition by whether its status is healthy")
  func conditions() {
    let list = ConditionList(items: [
      .init(type: "Ready", status: "True", reason: "AllReady", message: "3/3 ready", age: "5m"),
      .init(type: "Degraded", status: "True", reason: "CrashLoop", message: "1 crashing", age: "1m", trueIsGood: false),
    ])
    let buffer = frame(50, 3) { list.render(into: &$0, area: $1, theme: .default) }
    #expect(
      buffer.lines() == [
        "TYPE     STATUS  REASON    AGE   MESSAGE          ",
        "Ready    True    AllReady  5m    3/3 ready        ",
        "Degraded True    CrashLoop 1m    1 crashing       ",
      ])
    #expect(buffer[x: 9, y: 1].style.foreground == Theme.default[.statusOK].foreground)
    #expect(buffer[x: 9, y: 2].style.foreground == Theme.default[.statusError].foreground)
  }
}
