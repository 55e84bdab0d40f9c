import Views

/// Summary lines being gathered; a field with no value is left out rather than shown empty.
struct DetailFieldList {
  /// The lines so far.
  var items: [KeyValueList.Item] = []

  /// Adds `key: value` when there is a value.
  mutating func add(_ key: String, _ value: String?, role: ThemeRole? = nil) {
    guard let value, !value.isEmpty else { return }
    items.append(KeyValueList.Item(key, value, role: role))
  }
}
