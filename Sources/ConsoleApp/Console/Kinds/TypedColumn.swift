import AIResources
import KubeCore
import Views

/// One of our kinds' objects as a list row reads it: the typed spec and status (decoded apart,
/// so that a status the console cannot read still leaves the spec's cells), and the raw object
/// for its metadata and the metric lookups.
struct TypedObject<Object: AIObject>: Sendable {
  var object: JSONValue
  var spec: Object.Spec?
  var status: Object.Status?

  init(_ object: JSONValue) {
    self.object = object
    let decoder = JSONValueDecoder()
    spec = object["spec"].flatMap { try? decoder.decode(Object.Spec.self, from: $0) }
    // The cells never read conditions (health reads them from the object), and a condition
    // another writer left without one of metav1.Condition's required fields would void the
    // whole status; leaving them out also halves the decoding.
    var statusFields = object["status"]?.objectValue
    statusFields?["conditions"] = nil
    status = statusFields.flatMap { try? decoder.decode(Object.Status.self, from: .object($0)) }
  }
}

/// A list column of one of our kinds, filled from the typed object.
struct TypedColumn<Object: AIObject>: Sendable {
  var column: TableColumn
  var cell: @Sendable (TypedObject<Object>, RowContext) -> String

  init(
    _ title: String, numeric: Bool = false, _ cell: @escaping @Sendable (TypedObject<Object>, RowContext) -> String
  ) {
    column = KindDescriptor.column(title, numeric: numeric)
    self.cell = cell
  }

  /// `Success`, `Error`, `Requeue`, or `pending` while the spec is ahead of what was reconciled.
  static var reconcile: TypedColumn {
    TypedColumn("RECONCILE") { typed, _ in
      if let generation = typed.object[path: ["metadata", "generation"]]?.intValue,
        let observed = typed.status?.observedGeneration, observed < generation
      {
        return "pending"
      }
      return CellText.of(typed.status?.reconcile?.result?.rawValue)
    }
  }

  /// The tokens per second the object's instances serve now.
  static var tokens: TypedColumn {
    TypedColumn("TOKENS/S", numeric: true) { typed, context in
      RowContext.rate(context.tokensPerSecond(typed.object))
    }
  }

  /// The mean GPU use of the object's instances.
  static var gpu: TypedColumn {
    TypedColumn("GPU%", numeric: true) { typed, context in
      RowContext.percent(context.gpuPercent(typed.object))
    }
  }
}

extension KindDescriptor {
  /// The descriptor of one of our kinds, its cells read from the typed object (decoded once per row).
  init<Object: AIObject>(_ type: Object.Type, columns: [TypedColumn<Object>]) {
    resource = Object.resource
    self.columns = columns.map(\.column)
    cells = { object, context in
      let typed = TypedObject<Object>(object)
      return columns.map { $0.cell(typed, context) }
    }
    showsMetrics = columns.contains { ["TOKENS/S", "GPU%"].contains($0.column.title) }
  }
}

/// How cells print values.
enum CellText {
  /// A value as text; `-` when absent or empty.
  static func of(_ value: (any CustomStringConvertible)?, or fallback: String = "-") -> String {
    guard let text = value?.description, !text.isEmpty else { return fallback }
    return text
  }

  /// `ready/desired`, `-` for an unknown desired count.
  static func fraction(_ ready: Int?, _ desired: Int?) -> String {
    "\(ready ?? 0)/\(desired.map(String.init) ?? "-")"
  }

  /// `ab12cd` from `name-ab12cd`, the hash part of a revision name.
  static func shortRevision(_ name: String?) -> String {
    guard let name, !name.isEmpty else { return "-" }
    return name.split(separator: "-").last.map(String.init) ?? name
  }
}
