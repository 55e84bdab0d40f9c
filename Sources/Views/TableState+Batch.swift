extension TableState {
  /// Whether a row with `id` is held (shown or filtered out).
  public func contains(id: ID) -> Bool { indexByID[id] != nil }

  /// Removes the rows `removed` names, then inserts or replaces every row of `batch`: the table
  /// that removing and upserting them one by one leaves, in one pass over the view. One by one,
  /// each row costs a scan of the view (to find its old position, to move it, to find the
  /// selection again); at 100,000 rows and a thousand changes a second that was most of a frame.
  /// Here the changed rows are sorted among themselves and merged into the rest of the view. A
  /// row replaced by one with the same sort key that the filter still shows (or still hides)
  /// keeps its place without touching the view: a batch of such changes, the usual one, and the
  /// visible rows redrawn on each tick cost nothing in proportion to the table.
  public mutating func apply(upserting batch: [TableRow<ID>], removing removed: Set<ID> = []) {
    guard !batch.isEmpty || !removed.isEmpty else { return }
    let previousPosition = selectedPosition
    if !removed.isEmpty { removeRows(removed) }
    var moved: [Int] = []
    var movedSet: Set<Int> = []
    for row in batch {
      let before = indexByID[row.id].map { (shown: matches($0), key: sortKey(at: $0)) }
      let index = store(row)
      if let before, before.shown == matches(index), before.key == sortKey(at: index) { continue }
      // A row twice in one batch moves once, as its last version.
      if movedSet.insert(index).inserted { moved.append(index) }
    }
    guard !moved.isEmpty || !removed.isEmpty else { return }
    var changed = [Bool](repeating: false, count: rows.count)
    for index in moved { changed[index] = true }
    let kept = view.filter { !changed[$0] }
    let arriving = moved.filter(matches).sorted(by: precedes)
    view = merged(kept, arriving)
    refreshSelection(previousPosition: previousPosition)
  }

  /// Row `index`'s sort key; nil when the table is not sorted.
  private func sortKey(at index: Int) -> SortKey? {
    sortColumn == nil ? nil : sortKeys[index]
  }

  /// Two runs of the view, each in display order, as one.
  private func merged(_ first: [Int], _ second: [Int]) -> [Int] {
    guard !second.isEmpty else { return first }
    guard !first.isEmpty else { return second }
    var result: [Int] = []
    result.reserveCapacity(first.count + second.count)
    var i = 0
    var j = 0
    while i < first.count && j < second.count {
      if precedes(second[j], first[i]) {
        result.append(second[j])
        j += 1
      } else {
        result.append(first[i])
        i += 1
      }
    }
    result.append(contentsOf: first[i...])
    result.append(contentsOf: second[j...])
    return result
  }

  /// Drops the rows `ids` names, keeping the others in arrival order, in one pass.
  private mutating func removeRows(_ ids: Set<ID>) {
    let doomed = Set(ids.compactMap { indexByID[$0] })
    guard let first = doomed.min() else { return }
    // The new index of every old one; -1 for a row removed.
    var newIndex = Array(0..<rows.count)
    var next = first
    for old in first..<rows.count {
      if doomed.contains(old) {
        newIndex[old] = -1
      } else {
        newIndex[old] = next
        next += 1
      }
    }
    let keep = { (index: Int) in !doomed.contains(index) }
    rows = rows.indices.filter(keep).map { rows[$0] }
    searchKeys = searchKeys.indices.filter(keep).map { searchKeys[$0] }
    if !sortKeys.isEmpty { sortKeys = sortKeys.indices.filter(keep).map { sortKeys[$0] } }
    for id in ids { indexByID[id] = nil }
    for index in first..<rows.count { indexByID[rows[index].id] = index }
    view = view.compactMap { newIndex[$0] >= 0 ? newIndex[$0] : nil }
  }
}
