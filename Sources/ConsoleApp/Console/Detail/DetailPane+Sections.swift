import Views

/// The blocks of each section of the detail pane, built from the model.
extension DetailPane {
  /// Conditions as a table, each row coloured by what its status means for its type.
  var conditionBlocks: [DetailBlock] {
    guard model.core?.hasConditions ?? true else { return [] }
    let heading = DetailBlock.heading("Conditions")
    guard !model.conditions.isEmpty else { return [heading, .note("no conditions reported", .muted)] }
    let columns = [
      TableColumn("TYPE", width: .fit(minimum: 4, maximum: 24)),
      TableColumn("STATUS", width: .fit(minimum: 6, maximum: 7)),
      TableColumn("REASON", width: .fit(minimum: 6, maximum: 28)),
      TableColumn("AGE", width: .fit(minimum: 3, maximum: 8)),
      TableColumn("MESSAGE", width: .flex(weight: 1, minimum: 8)),
    ]
    let rows = model.conditions.enumerated().map { index, condition in
      TableRow(
        id: "\(index)", cells: [condition.type, condition.status, condition.reason, condition.age, condition.message],
        role: condition.role)
    }
    return [heading, .table(columns, rows)]
  }

  /// Sync against the spec, then the last reconcile: result, message, timing, IDs, next retry.
  var reconcileBlocks: [DetailBlock] {
    let state = model.reconcile
    guard !state.isEmpty else { return [] }
    var list = DetailFieldList()
    list.add("Sync", state.syncText, role: state.syncRole)
    list.add("Last result", state.result, role: state.resultRole)
    list.add("Message", state.message, role: state.result == "Error" ? .statusError : nil)
    list.add("Next retry", state.nextRetry, role: .statusWarn)
    list.add("Last run", state.since)
    list.add("Duration", state.durationMillis.map { "\($0)ms" })
    list.add("Reconcile ID", state.reconcileID)
    list.add("Change ID", state.changeID)
    list.add("Last change", state.lastChange)
    return [.heading("Reconcile"), .fields(list.items)]
  }

  /// The Pods, failing ones coloured, with why they wait.
  var instanceBlocks: [DetailBlock] {
    let instances = model.instances
    guard model.hasInstances || !instances.isEmpty else { return [] }
    let ready = instances.filter { $0.role == .statusOK }.count
    let heading = DetailBlock.heading("Instances \(ready)/\(instances.count) ready")
    guard !instances.isEmpty else { return [heading, .note("no instances", .muted)] }
    let columns = [
      TableColumn("NAME", width: .flex(weight: 1, minimum: 10)),
      TableColumn("PHASE", width: .fit(minimum: 5, maximum: 10)),
      TableColumn("READY", width: .fit(minimum: 5, maximum: 5)),
      TableColumn("RESTARTS", width: .fit(minimum: 3, maximum: 8), alignment: .right),
      TableColumn("NODE", width: .fit(minimum: 4, maximum: 20)),
      TableColumn("GPU", width: .fit(minimum: 3, maximum: 3), alignment: .right),
      TableColumn("AGE", width: .fit(minimum: 3, maximum: 7)),
      TableColumn("REASON", width: .fit(minimum: 0, maximum: 18)),
    ]
    let rows = instances.prefix(Self.maxInstances).map { pod in
      TableRow(
        id: pod.name,
        cells: [pod.name, pod.phase, pod.ready, String(pod.restarts), pod.node, String(pod.gpus), pod.age, pod.reason],
        role: pod.role)
    }
    let more = instances.count - rows.count
    return [heading, .table(columns, rows)] + (more > 0 ? [.note("… \(more) more", .muted)] : [])
  }

  /// The revisions, newest first, the current one marked with `*`.
  var revisionBlocks: [DetailBlock] {
    guard !model.revisions.isEmpty else { return [] }
    let columns = [
      TableColumn("", width: .fixed(1)),
      TableColumn("REV", width: .fit(minimum: 3, maximum: 6), alignment: .right),
      TableColumn("NAME", width: .fit(minimum: 4, maximum: 40)),
      TableColumn("HOLDS", width: .flex(weight: 1, minimum: 8)),
      TableColumn("AGE", width: .fit(minimum: 3, maximum: 7)),
    ]
    let rows = model.revisions.map { revision in
      TableRow(
        id: revision.name,
        cells: [revision.isCurrent ? "*" : "", String(revision.number), revision.name, revision.holds, revision.age],
        role: revision.isCurrent ? .statusOK : nil)
    }
    return [.heading("Revisions"), .table(columns, rows)]
  }
}
