import ClusterClient
import KubeCore

/// One `aiconsole get` once its resources are known: every object of each (through a label
/// selector), or the named ones, printed as kubectl prints them. Each printer returns the server's
/// answers for named objects it could not get, for the caller to report after the output.
struct GetQuery {
  /// The objects asked for by name; empty for every object.
  var names: [String]
  var selector: String?
  /// nil across all namespaces.
  var namespace: String?
  /// Several kinds at once (`get ai`): tables name each row's kind.
  var several: Bool

  /// As kubectl prints `-o yaml|json`: one named object on its own, anything else in a `List`.
  func printObjects(_ resources: [APIResource], using client: KubeClient, json: Bool) async throws -> [StatusError] {
    var items: [JSONValue] = []
    var missing: [StatusError] = []
    for resource in resources {
      let fetched = try await objects(resource, using: client)
      items += fetched.found.map { Self.typed($0, as: resource) }
      missing += fetched.missing
    }
    let singleItemImplied = names.count == 1 && !several
    if singleItemImplied, items.isEmpty { return missing }
    let shown = singleItemImplied ? items[0] : KubectlOutput.list(items)
    StandardOutput.write(json ? KubectlOutput.json(shown) : KubectlOutput.yaml(shown))
    return missing
  }

  /// As kubectl prints `-o name`: `aicluster.ai.aiconsole.dev/assistant`, one a line.
  func printNames(_ resources: [APIResource], using client: KubeClient) async throws -> [StatusError] {
    var missing: [StatusError] = []
    for resource in resources {
      let fetched = try await objects(resource, using: client)
      let qualified = Self.qualifiedKind(resource)
      StandardOutput.write(
        lines: fetched.found.map { "\(qualified)/\($0[path: ["metadata", "name"]]?.stringValue ?? "")" })
      missing += fetched.missing
    }
    return missing
  }

  /// The server's Tables, one per resource with rows; whether any row was printed.
  func printTables(_ resources: [APIResource], using client: KubeClient, wide: Bool) async throws
    -> (printedAny: Bool, missing: [StatusError])
  {
    var printedAny = false
    var missing: [StatusError] = []
    for resource in resources {
      let (table, notFound) = try await self.table(resource, using: client)
      missing += notFound
      guard let table, !table.rows.isEmpty else { continue }
      let printer = TablePrinter(
        wide: wide, withNamespace: resource.namespaced && namespace == nil,
        kindPrefix: several ? Self.qualifiedKind(resource) + "/" : nil)
      StandardOutput.write(lines: printer.lines(table) + (several ? [""] : []))
      printedAny = true
    }
    return (printedAny, missing)
  }

  /// Every object of `resource`, or the named ones and the answers for those missing.
  func objects(_ resource: APIResource, using client: KubeClient) async throws
    -> (found: [JSONValue], missing: [StatusError])
  {
    let scoped = resource.namespaced ? namespace : nil
    guard !names.isEmpty else {
      let options = ListOptions(labelSelector: selector)
      return (try await client.listAll(resource, namespace: scoped, options: options).items, [])
    }
    return try await named { try await client.get(resource, name: $0, namespace: scoped) }
  }

  /// The Table of every object of `resource`, or of the named ones (rows in the order named).
  private func table(_ resource: APIResource, using client: KubeClient) async throws
    -> (ServerTable?, missing: [StatusError])
  {
    let scoped = resource.namespaced ? namespace : nil
    guard !names.isEmpty else {
      return (try await TablePages(resource: resource, namespace: scoped, selector: selector).read(using: client), [])
    }
    let (tables, missing) = try await named { try await client.table(resource, name: $0, namespace: scoped) }
    guard var combined = tables.first else { return (nil, missing) }
    combined.rows = tables.flatMap(\.rows)
    return (combined, missing)
  }

  /// `fetch` for each name in turn, keeping the server's answer for those not found.
  private func named<Found>(_ fetch: (String) async throws -> Found) async throws
    -> (found: [Found], missing: [StatusError])
  {
    var found: [Found] = []
    var missing: [StatusError] = []
    for name in names {
      do {
        found.append(try await fetch(name))
      } catch KubeError.notFound(let status) {
        missing.append(status)
      }
    }
    return (found, missing)
  }

  /// `aicluster.ai.aiconsole.dev`, or `pod` for the core group.
  static func qualifiedKind(_ resource: APIResource) -> String {
    resource.kind.lowercased() + (resource.group.isEmpty ? "" : ".\(resource.group)")
  }

  /// A list item with the `apiVersion` and `kind` that lists of built-in kinds leave out.
  static func typed(_ object: JSONValue, as resource: APIResource) -> JSONValue {
    var object = object
    if object["apiVersion"] == nil {
      object["apiVersion"] = .string(
        resource.group.isEmpty ? resource.version : "\(resource.group)/\(resource.version)")
    }
    if object["kind"] == nil { object["kind"] = .string(resource.kind) }
    return object
  }
}
