import Views

/// The events and owner-tree sections of the detail pane.
extension DetailPane {
  /// The newest Events, warnings coloured; a repeated one says how often.
  var eventBlocks: [DetailBlock] {
    let events = model.events
    let shown = events.count > Self.maxEvents ? "newest \(Self.maxEvents) of \(events.count)" : "\(events.count)"
    guard !events.isEmpty else { return [.heading("Events"), .note("no recent events", .muted)] }
    let columns = [
      TableColumn("TYPE", width: .fit(minimum: 4, maximum: 7)),
      TableColumn("REASON", width: .fit(minimum: 6, maximum: 24)),
      TableColumn("AGE", width: .fit(minimum: 3, maximum: 20)),
      TableColumn("MESSAGE", width: .flex(weight: 1, minimum: 8)),
    ]
    let rows = events.prefix(Self.maxEvents).enumerated().map { index, event in
      TableRow(
        id: "\(index)", cells: [event.type, event.reason, event.age(now: model.now), event.message], role: event.role)
    }
    return [.heading("Events (\(shown))"), .table(columns, rows)]
  }

  /// The owner/owned tree, shown when the object has an owner or owns something.
  var treeBlocks: [DetailBlock] {
    guard model.tree.count > 1 || model.tree.contains(where: { !$0.children.isEmpty }) else { return [] }
    return [.heading("Owner tree"), .tree(model.tree, selected: model.treeSelection)]
  }
}
