import Testing

@testable import Views

@Suite("Table state batches")
struct TableBatchTests {
  /// A seeded generator, so a failure repeats.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static func row(_ id: Int, _ generator: inout SplitMix) -> TableRow<String> {
    let phase = ["Running", "Pending", "Failed"].randomElement(using: &generator)!
    return TableRow(id: "r\(id)", cells: ["pod-\(id % 37)", phase, "\(Int.random(in: 0..<50, using: &generator))"])
  }

  /// The same rows and changes, one table patched row by row and one batch by batch.
  static func compare(sort: Int?, ascending: Bool, filter: String, seed: UInt64) {
    var generator = SplitMix(state: seed)
    var single = TableState<String>(rows: (0..<60).map { row($0, &generator) })
    single.sort(by: sort, ascending: ascending)
    single.setFilter(filter)
    single.moveSelection(by: 7, viewport: 10)
    var batched = single
    for _ in 0..<40 {
      var upserts: [TableRow<String>] = []
      var removals: Set<String> = []
      for _ in 0..<Int.random(in: 1...25, using: &generator) {
        let id = Int.random(in: 0..<90, using: &generator)
        guard !removals.contains("r\(id)"), !upserts.contains(where: { $0.id == "r\(id)" }) else { continue }
        if Bool.random(using: &generator) { removals.insert("r\(id)") } else { upserts.append(row(id, &generator)) }
      }
      // The console hands a batch over in id order.
      upserts.sort { $0.id < $1.id }
      let selected = single.selectedID
      // As the console patches: removals and upserts interleaved in id order.
      for id in Set(upserts.map(\.id)).union(removals).sorted() {
        if let upsert = upserts.first(where: { $0.id == id }) { single.upsert(upsert) } else { single.remove(id: id) }
      }
      batched.apply(upserting: upserts, removing: removals)
      #expect(batched.rows.map(\.id) == single.rows.map(\.id))
      #expect(batched.rows.map(\.cells) == single.rows.map(\.cells))
      #expect(batched.view == single.view)
      #expect(batched.indexByID == single.indexByID)
      #expect(batched.searchKeys == single.searchKeys)
      // Row by row, a selection whose row left moves at each step; batched, once: they agree
      // whenever the selected row stayed.
      if let selected, single.selectedID == selected {
        #expect(batched.selectedID == selected)
        #expect(batched.selectedPosition == single.selectedPosition)
      }
      if let id = batched.selectedID { #expect(batched.selectedRow?.id == id) }
      single = batched
    }
  }

  @Test(
    "a batch leaves the table that row-by-row upserts and removals leave",
    arguments: [(Int?.none, true, ""), (2, true, ""), (0, false, ""), (1, true, "run"), (2, false, "!fail")])
  func batchMatchesRowByRow(sort: Int?, ascending: Bool, filter: String) {
    for seed in 1...5 { Self.compare(sort: sort, ascending: ascending, filter: filter, seed: UInt64(seed)) }
  }

  @Test("a batch of 100 changes in 100,000 sorted rows keeps the selection on its row")
  func largeBatch() {
    var table = TableState<String>(
      rows: (0..<100_000).map { TableRow(id: "r\($0)", cells: ["name-\($0)", "\($0 % 1000)"]) })
    table.sort(by: 1)
    table.moveSelection(by: 500, viewport: 40)
    let selected = table.selectedID
    let changes = (0..<100).map { TableRow(id: "r\($0 * 997)", cells: ["name-\($0 * 997)", "\(999 - $0)"]) }
    table.apply(upserting: changes, removing: ["r1", "r2"])
    #expect(table.count == 99_998)
    #expect(table.selectedID == selected)
    let keys = table.view.map { Int(table.rows[$0].cells[1])! }
    #expect(keys == keys.sorted())
  }

  @Test("the search key is the cells lowercased, ASCII or not")
  func searchKeys() {
    for cells in [["Pod-A", "RUNNING", "10.0.0.1"], ["Ünïcode-POD", "Straße"], ["İstanbul", "ǅ"], [], ["", "X"]] {
      let row = TableRow(id: "r", cells: cells)
      #expect(TableState<String>.searchKey(row) == cells.joined(separator: "\u{1}").lowercased())
    }
    var table = TableState<String>(rows: [
      TableRow(id: "a", cells: ["Llama-POOL", "Ready"]), TableRow(id: "b", cells: ["ÉCOLE"]),
    ])
    table.setFilter("pool")
    #expect(table.view == [0])
    table.setFilter("éc")
    #expect(table.view == [1])
  }

  /// Rows changed in place (their sort cell and filter result as before) keep their places, and
  /// the table equals one built from the final rows; a row whose key changed in the same batch
  /// still moves.
  @Test(
    "rows changed without moving keep their places, beside a row that moves",
    arguments: [(Int?.none, ""), (1, ""), (1, "even")])
  func inPlaceChanges(sort: Int?, filter: String) {
    let parity = { (n: Int) in n.isMultiple(of: 2) ? "even" : "odd" }
    var rows = (0..<2_000).map { TableRow(id: "r\($0)", cells: ["name-\($0)", "\($0 % 100)", parity($0), "v0"]) }
    var table = TableState<String>(rows: rows)
    table.sort(by: sort)
    table.setFilter(filter)
    table.moveSelection(by: 300, viewport: 40)
    let selected = table.selectedID
    let position = table.selectedPosition
    // Every tenth row gets a new version of a column neither sorted nor filtered on.
    var batch = stride(from: 0, to: 2_000, by: 10).map {
      TableRow(id: "r\($0)", cells: Array(rows[$0].cells[0..<3]) + ["v1"])
    }
    for row in batch { rows[Int(row.id.dropFirst())!] = row }
    table.apply(upserting: batch)
    #expect(table.selectedID == selected && table.selectedPosition == position)
    var fresh = TableState<String>(rows: rows)
    fresh.sort(by: sort)
    fresh.setFilter(filter)
    #expect(table.view == fresh.view)
    // Now one row also changes its sort cell and parity: it moves, the others stay.
    batch = [TableRow(id: "r5", cells: ["name-5", "0", "even", "v2"]), rows[6]]
    rows[5] = batch[0]
    table.apply(upserting: batch)
    fresh = TableState<String>(rows: rows)
    fresh.sort(by: sort)
    fresh.setFilter(filter)
    #expect(table.view == fresh.view)
    #expect(table.rows.map(\.cells) == fresh.rows.map(\.cells))
  }
}
