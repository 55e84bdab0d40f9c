import Testing

@testable import Views

@Suite("Table")
struct TableTests {
  let table = Table(columns: sampleColumns)

  @Test("renders header and rows at 30 columns")
  func wide() {
    let state = TableState(rows: sampleRows(5))
    #expect(
      snapshot(30, 4) { table.render(into: &$0, area: $1, state: state, theme: .plain) } == [
        "NAME             STATUS    CPU",
        "pod-0            Running     0",
        "pod-1            Pending    10",
        "pod-2            Failed     20",
      ])
  }

  @Test("flex columns shrink first at 24 columns")
  func narrow() {
    let state = TableState(rows: sampleRows(5))
    #expect(
      snapshot(24, 6) { table.render(into: &$0, area: $1, state: state, theme: .plain) } == [
        "NAME       STATUS    CPU",
        "pod-0      Running     0",
        "pod-1      Pending    10",
        "pod-2      Failed     20",
        "pod-3      Running    30",
        "pod-4      Pending    40",
      ])
  }

  @Test("wide characters are truncated whole, with a sort indicator")
  func wideCharacters() {
    var state = TableState(rows: [
      TableRow(id: "a", cells: ["日本語のポッド名前", "運行中", "5"]), TableRow(id: "b", cells: ["🚀rocket", "ok", "12345"]),
    ])
    state.sort(by: 2, ascending: false)
    #expect(
      snapshot(26, 3) { table.render(into: &$0, area: $1, state: state, theme: .plain) } == [
        "NAME         STATUS   CPU▼",
        "🚀rocket     ok       123…",
        "日本語のポ…  運行中      5",
      ])
  }

  @Test("a 100,000-row table scrolled to its middle draws only the visible rows")
  func hundredThousandRows() {
    var state = TableState(
      rows: (0..<100_000).map { TableRow(id: "r\($0)", cells: ["svc-\($0)", "Running", "\($0 % 100)"]) })
    state.moveSelection(by: 50_000, viewport: 4)
    #expect(state.selectedRow?.id == "r50000")
    #expect(
      snapshot(30, 5) { table.render(into: &$0, area: $1, state: state, theme: .plain) } == [
        "NAME             STATUS    CPU",
        "svc-49997        Running    97",
        "svc-49998        Running    98",
        "svc-49999        Running    99",
        "svc-50000        Running     0",
      ])
  }

  @Test("the selection is drawn in the selection style across the row")
  func selectionStyle() {
    var state = TableState(rows: sampleRows(3))
    state.moveSelection(by: 1, viewport: 3)
    let buffer = frame(30, 4) { table.render(into: &$0, area: $1, state: state, theme: .default) }
    #expect(buffer[x: 0, y: 2].style == Theme.default[.tableSelection])
    #expect(buffer[x: 29, y: 2].style == Theme.default[.tableSelection])
    #expect(buffer[x: 0, y: 1].style != Theme.default[.tableSelection])
    #expect(buffer[x: 0, y: 0].style == Theme.default[.tableHeader])
  }

  @Test("the filter keeps matching rows and highlights the match")
  func filter() {
    var state = TableState(rows: sampleRows(12))
    state.setFilter("pod-1")
    let buffer = frame(30, 5) { table.render(into: &$0, area: $1, state: state, theme: .default) }
    #expect(
      buffer.lines() == [
        "NAME             STATUS    CPU",
        "pod-1            Pending    10",
        "pod-10           Pending   100",
        "pod-11           Failed    110",
        "                              ",
      ])
    #expect(buffer[x: 2, y: 2].style.foreground == Theme.default[.tableMatch].foreground)
    #expect(buffer[x: 5, y: 2].style.foreground != Theme.default[.tableMatch].foreground)
  }

  @Test(
    "narrowing the filter, inverting it and clearing it",
    arguments: [
      ("pod-1", 3), ("pod-11", 1), ("!pod-1", 9), ("FAILED", 4), ("", 12),
    ])
  func filterCounts(_ filter: String, _ expected: Int) {
    var state = TableState(rows: sampleRows(12))
    state.setFilter("pod")
    state.setFilter(filter)
    #expect(state.count == expected)
  }

  @Test("says when nothing matches")
  func noMatch() {
    var state = TableState(rows: sampleRows(3))
    state.setFilter("zzz")
    #expect(
      snapshot(30, 2) { table.render(into: &$0, area: $1, state: state, theme: .plain) } == [
        "NAME             STATUS    CPU", " no rows match 'zzz'          ",
      ])
  }

  @Test("keeps the selection on its row when rows reorder")
  func stableSelection() {
    var state = TableState(rows: sampleRows(10))
    state.sort(by: 2, ascending: true)
    state.select(id: "row-5")
    #expect(state.selectedPosition == 5)
    state.upsert(TableRow(id: "row-5", cells: ["pod-5", "Running", "999"]))
    #expect(state.selectedRow?.id == "row-5")
    #expect(state.selectedPosition == 9)
    state.upsert(TableRow(id: "row-new", cells: ["pod-new", "Running", "1"]))
    #expect(state.selectedRow?.id == "row-5")
    #expect(state.row(at: 1).id == "row-new")
    state.remove(id: "row-0")
    #expect(state.selectedRow?.id == "row-5")
    #expect(state.count == 10)
  }

  @Test("sorts numbers numerically and text alphabetically")
  func sorting() {
    var state = TableState(rows: sampleRows(12))
    state.sort(by: 2, ascending: false)
    #expect(state.row(at: 0).cells[2] == "110")
    state.sort(by: 1, ascending: true)
    #expect(state.row(at: 0).cells[1] == "Failed")
    state.sort(by: nil)
    #expect(state.row(at: 0).id == "row-0")
  }

  @Test("relays out after a resize on the in-memory terminal")
  func resize() {
    let terminal = MemoryTerminal(size: Size(width: 30, height: 3))
    let state = TableState(rows: sampleRows(5))
    terminal.present(frame(30, 3) { table.render(into: &$0, area: $1, state: state, theme: .plain) })
    #expect(
      terminal.lines() == [
        "NAME             STATUS    CPU", "pod-0            Running     0", "pod-1            Pending    10",
      ])
    terminal.resize(to: Size(width: 22, height: 4))
    terminal.present(frame(22, 4) { table.render(into: &$0, area: $1, state: state, theme: .plain) })
    #expect(
      terminal.lines() == [
        "NAME     STATUS    CPU", "pod-0    Running     0", "pod-1    Pending    10", "pod-2    Failed     20",
      ])
  }
}

@Suite("Table state")
struct TableStateTests {
  @Test("replacing the rows of a sorted table sorts the new rows by their own cells")
  func setRowsWhileSorted() {
    var state = TableState(rows: sampleRows(2))
    state.sort(by: 0, ascending: false)
    state.setRows((0..<5).map { TableRow(id: "r\($0)", cells: ["name-\($0)"]) })
    #expect(state.count == 5)
    #expect((0..<5).map { state.row(at: $0).id } == ["r4", "r3", "r2", "r1", "r0"])
    state.upsert(TableRow(id: "r9", cells: ["name-9"]))
    #expect(state.row(at: 0).id == "r9")
  }
}

@Suite("Frame pacer")
struct FramePacerTests {
  @Test("after a frame the next waits for its slot unless user input hurries it")
  func pacing() {
    var pacer = FramePacer(interval: .seconds(10))
    #expect(pacer.mayDraw())
    pacer.drew()
    #expect(!pacer.mayDraw())
    #expect((9_000...10_000).contains(pacer.timeout(before: -1)))
    #expect(pacer.timeout(before: 40) == 40)
    pacer.hurry()
    #expect(pacer.mayDraw())
  }
}
