import KubeCore

/// One page of a list: its objects, the resourceVersion to watch from and how to get the next page.
public struct ObjectList: Sendable {
  public var items: [JSONValue]
  public var resourceVersion: String
  /// Present while more pages remain.
  public var continueToken: String?
  /// How many objects the server says follow this page, when it knows.
  public var remainingItemCount: Int?

  public init(items: [JSONValue], resourceVersion: String, continueToken: String? = nil, remainingItemCount: Int? = nil)
  {
    self.items = items
    self.resourceVersion = resourceVersion
    self.continueToken = continueToken
    self.remainingItemCount = remainingItemCount
  }

  /// Reads a `*List` object; throws when it is not one.
  public init(decoding value: JSONValue) throws(KubeError) {
    guard let items = value["items"]?.arrayValue ?? (value["items"]?.isNull == true ? [] : nil) else {
      throw KubeError.decoding("a list without items (kind \(value["kind"]?.stringValue ?? "none"))")
    }
    let metadata = value["metadata"] ?? .emptyObject
    self.init(
      items: items, resourceVersion: metadata["resourceVersion"]?.stringValue ?? "",
      continueToken: metadata["continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
      remainingItemCount: metadata["remainingItemCount"]?.intValue.map { Int($0) })
  }
}
