import Views

/// The events and owner-tree sections of the detail pane.
extension DetailPane {
  /// The Events of the object and everything under it, warnings first, each newest first and
  /// coloured; a repeated one says how often. When they involve more than the object itself,
  /// each row names the object (`Pod/chat-7f9c-0`).
  var eventBlocks: [DetailBlock] {
    if case .event = model.core { return [] }
    let events = model.events
    guard !events.isEmpty else { return [.heading("Events"), .note("no recent events", .muted)] }
    let namesObjects = events.contains { $0.object != model.summary.kind + "/" + model.summary.name }
    var columns = [
      TableColumn("TYPE", width: .fit(minimum: 4, maximum: 7)),
      TableColumn("REASON", width: .fit(minimum: 6, maximum: 24)),
    ]
    if namesObjects { columns.append(TableColumn("OBJECT", width: .fit(minimum: 6, maximum: 40))) }
    columns += [
      TableColumn("AGE", width: .fit(minimum: 3, maximum: 20)),
      TableColumn("MESSAGE", width: .flex(weight: 1, minimum: 8)),
    ]
    let rows = events.prefix(Self.maxEvents).enumerated().map { index, event in
      let cells =
        [event.type, event.reason] + (namesObjects ? [event.object] : []) + [event.age(now: model.now), event.message]
      return TableRow(id: "\(index)", cells: cells, role: event.role)
    }
    let more = events.count - rows.count
    return [.heading("Events (\(events.count))"), .table(columns, rows)]
      + (more > 0 ? [.note("… \(more) more", .muted)] : [])
  }

  /// The owner/owned tree, shown when the object has an owner or owns something.
  var treeBlocks: [DetailBlock] {
    guard model.tree.count > 1 || model.tree.contains(where: { !$0.children.isEmpty }) else { return [] }
    return [.heading("Owner tree"), .tree(model.tree, selected: model.treeSelection)]
  }
}
