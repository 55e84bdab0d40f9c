/// The query of a list or watch: selectors, paging and resourceVersion semantics.
public struct ListOptions: Sendable, Hashable {
  public var labelSelector: String?
  public var fieldSelector: String?
  /// Page size; the answer then carries a continue token while more remain.
  public var limit: Int?
  public var continueToken: String?
  public var resourceVersion: String?
  /// `NotOlderThan` or `Exact`, with `resourceVersion`.
  public var resourceVersionMatch: String?
  public var timeoutSeconds: Int?
  /// Ask for the server's Table (its printer columns' cells) with each row's whole object, as
  /// `kubectl get -w` does: lists come back as `ObjectList`s with `cells`, watch events with them.
  public var table = false

  public init(
    labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
    resourceVersion: String? = nil, resourceVersionMatch: String? = nil, timeoutSeconds: Int? = nil
  ) {
    self.labelSelector = labelSelector
    self.fieldSelector = fieldSelector
    self.limit = limit
    self.continueToken = continueToken
    self.resourceVersion = resourceVersion
    self.resourceVersionMatch = resourceVersionMatch
    self.timeoutSeconds = timeoutSeconds
  }

  /// The Accept header the options ask for.
  var accept: String { table ? ServerTable.accept : "application/json" }

  var queryItems: [(String, String)] {
    var items: [(String, String)] = []
    if let labelSelector, !labelSelector.isEmpty { items.append(("labelSelector", labelSelector)) }
    if let fieldSelector, !fieldSelector.isEmpty { items.append(("fieldSelector", fieldSelector)) }
    if let limit { items.append(("limit", String(limit))) }
    if let continueToken { items.append(("continue", continueToken)) }
    if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
    if let resourceVersionMatch { items.append(("resourceVersionMatch", resourceVersionMatch)) }
    if let timeoutSeconds { items.append(("timeoutSeconds", String(timeoutSeconds))) }
    if table { items.append(("includeObject", "Object")) }
    return items
  }
}
