import Testing
import Views

@testable import ConsoleApp

extension ConsoleScreenTests {
  /// The machinery the screen tests stand on: a mismatch reads as a line diff, a file reads back
  /// as the screen it was written from, and roles come back from the probe theme.
  @Suite("Console screens: diff, file and marks")
  struct Support {
    @Test("a changed row shows as - expected and + actual with both line numbers and two lines around it")
    func changedRow() {
      let expected = ["header", "a", "b", "old row", "c", "d", "e", "f"]
      var actual = expected
      actual[3] = "new row"
      #expect(
        ScreenDiff(expected: expected, actual: actual).text() == """
          @@ lines 2-7 of the diff @@
               2    2 │a
               3    3 │b
          -    4      │old row
          +         4 │new row
               5    5 │c
               6    6 │d
          """)
    }

    @Test("a pane that moved down a row shows as one added line, not as every row after it changed")
    func insertedRow() {
      let expected = ["top", "one", "two", "three", "four", "five", "six"]
      let actual = ["top", "new", "one", "two", "three", "four", "five", "six"]
      let diff = ScreenDiff(expected: expected, actual: actual)
      #expect(diff.lines.filter { if case .same = $0 { false } else { true } } == [.added(actual: 1)])
      #expect(ScreenDiff(expected: expected, actual: expected).isEmpty)
    }

    @Test("a snapshot's file text reads back as the same snapshot, blank rows included")
    func roundTrip() throws {
      var screen = try ScreenFixture(.standard)
      screen.select("AICluster", "embeddings")
      let snapshot = ScreenSnapshot(screen.state)
      #expect(snapshot.rows.count == 40)
      #expect(ScreenSnapshot(text: snapshot.text) == snapshot)
    }

    @Test("cells drawn in a marked role are listed as runs of columns; others are not")
    func marks() {
      let theme = ScreenSnapshot.probeTheme
      var buffer = ScreenBuffer(width: 12, height: 2)
      buffer.put("ok", x: 0, y: 0, style: theme[.text])
      buffer.put("sel", x: 2, y: 0, style: theme[.tableSelection])
      buffer.put("漢x", x: 5, y: 0, style: theme[.statusError])
      #expect(ScreenSnapshot.marks(ofRow: 0, in: buffer) == "row 1: table.selection 3-5, status.error 6-8")
      #expect(ScreenSnapshot.marks(ofRow: 1, in: buffer) == nil)
    }
  }
}
