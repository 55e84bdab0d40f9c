import KubeCore

/// A `meta.k8s.io/v1` Table: the columns the server chose for a resource (printer columns for
/// custom resources) and one row of cells per object, as `kubectl get` prints them.
public struct ServerTable: Sendable {
  public struct Column: Sendable, Hashable {
    public var name: String
    public var type: String
    /// `name` for the column that holds the object's name, wherever it stands (Events put it last).
    public var format: String = ""
    /// 0 for the columns `kubectl get` shows; higher only with `-o wide`.
    public var priority: Int

    public init(name: String, type: String, format: String = "", priority: Int) {
      self.name = name
      self.type = type
      self.format = format
      self.priority = priority
    }
  }

  public struct Row: Sendable {
    public var cells: [JSONValue]
    /// The object's namespace and name, from the row's partial object metadata.
    public var namespace: String?
    public var name: String
    /// The row's object: its metadata by default, the whole object with `includeObject=Object`.
    public var object: JSONValue?
  }

  public var columns: [Column]
  public var rows: [Row]
  public var continueToken: String?
  public var resourceVersion: String

  public static let accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"

  /// A Table whose column definitions are `null` decodes with no columns: a Table watch carries
  /// them in its first event only, every later event's are null (kube-apiserver's watch encoder
  /// sets NoHeaders after the first event; so does the embedded server's TableWriter).
  public init(decoding value: JSONValue) throws(KubeError) {
    guard value["kind"]?.stringValue == "Table" else {
      throw KubeError.decoding("expected a Table, found \(value["kind"]?.stringValue ?? "no kind")")
    }
    let columnDefinitions = value["columnDefinitions"] ?? .null
    guard let definitions = columnDefinitions.isNull ? [] : columnDefinitions.arrayValue else {
      throw KubeError.decoding("a Table's columnDefinitions is not a list")
    }
    columns = definitions.map {
      Column(
        name: $0["name"]?.stringValue ?? "", type: $0["type"]?.stringValue ?? "string",
        format: $0["format"]?.stringValue ?? "", priority: Int($0["priority"]?.intValue ?? 0))
    }
    rows = (value["rows"]?.arrayValue ?? []).map { row in
      let metadata = row[path: ["object", "metadata"]] ?? .emptyObject
      return Row(
        cells: row["cells"]?.arrayValue ?? [], namespace: metadata["namespace"]?.stringValue,
        name: metadata["name"]?.stringValue ?? "", object: row["object"])
    }
    continueToken = value[path: ["metadata", "continue"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    resourceVersion = value[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
  }
}

extension KubeClient {
  /// Every row of a resource's Table, fetched in pages as `kubectl get` does.
  public func table(
    _ resource: APIResource, namespace: String? = nil, options: ListOptions = ListOptions(), pageSize: Int = 500
  )
    async throws -> ServerTable
  {
    var options = options
    options.limit = pageSize
    var first = try ServerTable(
      decoding: try await json(
        .GET, resource.path(namespace: namespace) + PathEscaping.query(options.queryItems), accept: ServerTable.accept))
    while let token = first.continueToken {
      options.continueToken = token
      let page = try ServerTable(
        decoding: try await json(
          .GET, resource.path(namespace: namespace) + PathEscaping.query(options.queryItems), accept: ServerTable.accept
        ))
      first.rows.append(contentsOf: page.rows)
      first.continueToken = page.continueToken
    }
    return first
  }
}

extension KubeClient {
  /// One object's Table (one row), as `kubectl get KIND NAME` asks for it; a missing object is
  /// `KubeError.notFound` with the server's `Status`.
  public func table(_ resource: APIResource, name: String, namespace: String? = nil) async throws -> ServerTable {
    try ServerTable(
      decoding: try await json(.GET, resource.path(namespace: namespace, name: name), accept: ServerTable.accept))
  }
}
