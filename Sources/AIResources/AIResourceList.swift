import KubeCore

/// A list of one AI kind as the API server returns it (`AIClusterList`, ...).
public struct AIResourceList<Item: AIObject>: Codable, Sendable, Hashable {
  /// The list's metadata (`metav1.ListMeta`).
  public struct ListMeta: Codable, Sendable, Hashable {
    /// The revision the list was read at; a watch starts from it.
    public var resourceVersion: String?
    /// The token for the next page, when the list was paged.
    public var `continue`: String?
    /// How many items the remaining pages hold, when known.
    public var remainingItemCount: Int64?

    /// List metadata.
    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
      self.resourceVersion = resourceVersion
      self.continue = `continue`
      self.remainingItemCount = remainingItemCount
    }
  }

  /// `ai.aiconsole.dev/v1`.
  public var apiVersion: String
  /// `<Kind>List`.
  public var kind: String
  /// The list's metadata.
  public var metadata: ListMeta
  /// The objects.
  public var items: [Item]

  /// A list of `items`.
  public init(items: [Item], metadata: ListMeta = ListMeta()) {
    self.apiVersion = AIKinds.apiVersion
    self.kind = Item.definition.kind + "List"
    self.metadata = metadata
    self.items = items
  }
}
