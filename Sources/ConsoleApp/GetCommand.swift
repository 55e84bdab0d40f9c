import ArgumentParser
import ClusterClient
import Foundation
import KubeCore

/// `aiconsole get`: lists resources of any cluster through ClusterClient, printed like
/// `kubectl get`; `ai` lists every AI kind.
struct GetCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get", abstract: "List resources, as kubectl get prints them (`ai` for every AI kind).")

  @Argument(help: "A resource (plural, singular, short name or kind), or `ai` for every AI kind.")
  var resource: String

  @Argument(help: "One object's name.")
  var name: String?

  @OptionGroup var cluster: ClusterOptions

  @Flag(name: [.customShort("A"), .long], help: "List across all namespaces.")
  var allNamespaces = false

  @Option(name: [.customShort("l"), .long], help: "A label selector (app=web,tier!=db).")
  var selector: String?

  @Option(name: [.customShort("o"), .long], help: "Output: wide, name, json or yaml.")
  var output: String?

  func run() async throws {
    guard [nil, "wide", "name", "json", "yaml"].contains(output) else {
      throw ValidationError("unknown output format \"\(output ?? "")\": use wide, name, json or yaml")
    }
    let configuration = try cluster.configuration()
    let client = try KubeClient(configuration: configuration.identified(as: "get"))
    do {
      try await print(using: client, namespace: allNamespaces ? nil : configuration.namespace)
      try await client.shutdown()
    } catch {
      try? await client.shutdown()
      throw CommandFailure(message: "\(error)")
    }
  }

  private func print(using client: KubeClient, namespace: String?) async throws {
    let catalog = try await APIDiscovery.catalog(client)
    let resources: [APIResource]
    if resource == "ai" {
      resources = AIKindSelection().select(from: catalog, labelledCRDs: await APIDiscovery.labelledAICRDs(client))
    } else if let found = catalog.resource(named: resource) {
      resources = [found]
    } else {
      throw KubeError.notFound(
        StatusError(code: 404, reason: "NotFound", message: "the server doesn't have a resource type \"\(resource)\""))
    }
    var printedAny = false
    for resource in resources {
      printedAny =
        try await print(resource, using: client, namespace: namespace, several: resources.count > 1) || printedAny
    }
    if !printedAny, output == nil || output == "wide" {
      let scope = namespace.map { " in \($0) namespace" } ?? ""
      FileHandle.standardError.write(Data("No resources found\(scope).\n".utf8))
    }
  }

  /// Prints one resource; false when it had nothing to print.
  private func print(_ resource: APIResource, using client: KubeClient, namespace: String?, several: Bool) async throws
    -> Bool
  {
    var options = ListOptions(labelSelector: selector)
    if let name { options.fieldSelector = "metadata.name=\(name)" }
    let scoped = resource.namespaced ? namespace : nil
    let qualified = resource.kind.lowercased() + (resource.group.isEmpty ? "" : ".\(resource.group)")
    switch output {
    case "json", "yaml":
      let items = try await client.listAll(resource, namespace: scoped, options: options).items
      guard !items.isEmpty || !several else { return false }
      let list: JSONValue = ["apiVersion": "v1", "kind": "List", "items": .array(items)]
      Swift.print(output == "json" ? list.jsonString : list.yamlString(), terminator: output == "json" ? "\n" : "")
      return !items.isEmpty
    case "name":
      let items = try await client.listAll(resource, namespace: scoped, options: options).items
      for item in items { Swift.print("\(qualified)/\(item[path: ["metadata", "name"]]?.stringValue ?? "")") }
      return !items.isEmpty
    default:
      let table = try await client.table(resource, namespace: scoped, options: options)
      guard !table.rows.isEmpty else { return false }
      let printer = TablePrinter(
        wide: output == "wide", withNamespace: resource.namespaced && namespace == nil,
        kindPrefix: several ? qualified + "/" : nil)
      for line in printer.lines(table) { Swift.print(line) }
      if several { Swift.print("") }
      return true
    }
  }
}
