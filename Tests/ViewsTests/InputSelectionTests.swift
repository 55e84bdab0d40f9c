import Testing

@testable import Views

@Suite("Prompt opened on a value")
struct PromptSelectionTests {
  static func opened(_ value: String) -> PromptState {
    var prompt = PromptState(prefix: "scale to: ")
    prompt.setText(value, selected: true)
    return prompt
  }

  @Test("typing replaces the value it opened with, as other consoles' line editors do")
  func typingReplaces() {
    var prompt = Self.opened("2")
    _ = prompt.handle(.key(.char("5")))
    #expect(prompt.text == "5")
    #expect(prompt.handle(.key(KeyEvent(.enter))) == .submitted("5"))
  }

  @Test("a paste replaces it too, and backspace clears it")
  func pasteAndBackspace() {
    var pasted = Self.opened("25")
    _ = pasted.handle(.paste("7"))
    #expect(pasted.text == "7")
    var cleared = Self.opened("25")
    _ = cleared.handle(.key(KeyEvent(.backspace)))
    #expect(cleared.text == "")
  }

  @Test("moving the cursor keeps the value and drops the selection, so typing then edits it")
  func movingKeeps() {
    var prompt = Self.opened("2")
    _ = prompt.handle(.key(KeyEvent(.end)))
    #expect(!prompt.isSelected)
    _ = prompt.handle(.key(.char("5")))
    #expect(prompt.text == "25")
  }

  @Test("the selected value is drawn highlighted")
  func drawnSelected() {
    let prompt = Self.opened("2")
    let buffer = frame(20, 1) { Prompt().render(into: &$0, area: $1, state: prompt, theme: .default) }
    #expect(buffer.lines() == ["scale to: 2         "])
    #expect(buffer[x: 10, y: 0].style.attributes.contains(.reverse))
    var typed = prompt
    _ = typed.handle(.key(.char("5")))
    let after = frame(20, 1) { Prompt().render(into: &$0, area: $1, state: typed, theme: .default) }
    #expect(!after[x: 10, y: 0].style.attributes.contains(.reverse))
  }
}

@Suite("Prompt completion")
struct PromptCompletionTests {
  static let kinds = PromptState(
    prefix: ":", candidates: ["ai", "aic", "aiclusters", "infsvc", "inferenceservices", "airoute", "aimodelroutes"],
    aliases: ["aiclusters": "aic", "inferenceservices": "infsvc", "aimodelroutes": "airoute"])

  static func tab(after text: String) -> PromptState {
    var prompt = kinds
    for c in text { _ = prompt.handle(.key(.char(c))) }
    _ = prompt.handle(.key(KeyEvent(.tab)))
    return prompt
  }

  @Test("a prefix of several names of one kind completes to its short name")
  func oneKind() {
    #expect(Self.tab(after: "in").text == "infsvc")
    #expect(Self.tab(after: "aicl").text == "aiclusters")
  }

  @Test("a prefix of several kinds completes the shared part and lists them")
  func severalKinds() {
    let prompt = Self.tab(after: "aim")
    #expect(prompt.text == "aimodelroutes")
    let ambiguous = Self.tab(after: "a")
    #expect(ambiguous.text == "ai")
    #expect(ambiguous.alternatives == ["ai", "aic", "airoute"])
    #expect(
      snapshot(24, 1) { Prompt().render(into: &$0, area: $1, state: ambiguous, theme: .plain) } == [
        ":ai  ai aic airoute     "
      ])
  }
}

@Suite("Form field opened on a value")
struct FormSelectionTests {
  static func form() -> FormState {
    FormState(fields: [
      FormField("weight 1", kind: .number(0...100), value: "100"),
      FormField("requests/min", value: "25"),
    ])
  }

  @Test("typing into a field the focus arrives on replaces its value")
  func typingReplaces() {
    var form = Self.form()
    _ = form.handle(.key(.char("5")))
    #expect(form.fields[0].value == "5")
    _ = form.handle(.key(.char("0")))
    #expect(form.fields[0].value == "50")
    _ = form.handle(.key(KeyEvent(.tab)))
    _ = form.handle(.paste("60"))
    #expect(form.fields[1].value == "60")
  }

  @Test("ctrl-u clears the field, as in prompts")
  func ctrlU() {
    var form = Self.form()
    _ = form.handle(.key(KeyEvent(.right)))
    _ = form.handle(.key(.ctrl("u")))
    #expect(form.fields[0].value == "")
  }

  @Test("backspace on a selected value clears it")
  func backspace() {
    var form = Self.form()
    _ = form.handle(.key(KeyEvent(.backspace)))
    #expect(form.fields[0].value == "")
  }
}

@Suite("Form server errors")
struct FormErrorWrapTests {
  @Test("a long server message is shown whole, wrapped under its field")
  func wrapped() {
    var form = FormState(fields: [
      FormField("weight 1", value: "150"), FormField("burst", value: ""),
    ])
    form.setServerErrors([0: "Invalid value: 150: spec.backends[0].weight in body should be less than or equal to 100"])
    #expect(Form.height(of: form, width: 40) == 6)
    #expect(
      snapshot(40, 6) { Form().render(into: &$0, area: $1, state: form, theme: .plain) } == [
        "weight 1  150                           ",
        "          ✗ Invalid value: 150:         ",
        "            spec.backends[0].weight in  ",
        "            body should be less than or ",
        "            equal to 100                ",
        "burst                                   ",
      ])
  }

  @Test(
    "wraps at spaces, cuts only words wider than a line",
    arguments: [
      ("a bb ccc", 4, ["a bb", "ccc"]),
      ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
      ("", 4, [""]),
      ("x  y", 10, ["x y"]),
    ])
  func wrap(text: String, width: Int, lines: [String]) {
    #expect(TextLayout.wrap(text, width: width) == lines)
  }
}
