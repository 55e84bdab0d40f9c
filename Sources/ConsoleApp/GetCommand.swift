import ArgumentParser
import ClusterClient
import Foundation
import KubeCore

/// `aiconsole get`: lists resources of any cluster through ClusterClient, printed like
/// `kubectl get`; `ai` lists every AI kind. Named objects that are missing are reported as
/// kubectl reports them (`Error from server (NotFound): …`, status 1) after the ones found.
struct GetCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get", abstract: "List resources, as kubectl get prints them (`ai` for every AI kind).")

  @Argument(help: "A resource (plural, singular, short name or kind), or `ai` for every AI kind.")
  var resource: String

  @Argument(help: "Objects' names (default: every object).")
  var names: [String] = []

  @OptionGroup var cluster: ClusterOptions

  @Flag(name: [.customShort("A"), .long], help: "List across all namespaces.")
  var allNamespaces = false

  @Option(name: [.customShort("l"), .long], help: "A label selector (app=web,tier!=db).")
  var selector: String?

  @Option(name: [.customShort("o"), .long], help: "Output: wide, name, json or yaml.")
  var output: String?

  @Option(help: "kubectl's cache directory, shared with it (default: KUBECACHEDIR, else ~/.kube/cache).")
  var cacheDir: String?

  func run() async throws {
    guard [nil, "wide", "name", "json", "yaml"].contains(output) else {
      throw ValidationError("unknown output format \"\(output ?? "")\": use wide, name, json or yaml")
    }
    if allNamespaces, !names.isEmpty {
      throw CommandFailure(message: "a resource cannot be retrieved by name across all namespaces")
    }
    if selector != nil, !names.isEmpty {
      throw CommandFailure(message: "name cannot be provided when a selector is specified")
    }
    let configuration = try cluster.configuration()
    let client = try KubeClient(configuration: configuration.identified(as: "get"))
    let missing: [StatusError]
    do {
      missing = try await print(using: client, namespace: allNamespaces ? nil : configuration.namespace)
      try await client.shutdown()
    } catch {
      try? await client.shutdown()
      throw error as? CommandFailure ?? CommandFailure(message: "\(error)")
    }
    guard missing.isEmpty else {
      let lines = missing.map { "Error from server (\($0.reason)): \($0.message)\n" }
      JSONLineLogHandler.writeToStandardError(Array(lines.joined().utf8))
      throw ExitCode.failure
    }
  }

  /// Prints what was asked for; returns the server's answers for named objects it could not get.
  private func print(using client: KubeClient, namespace: String?) async throws -> [StatusError] {
    let resources = try await selected(using: client)
    if resources.count > 1, !names.isEmpty { throw CommandFailure(message: "you must specify only one resource") }
    let query = GetQuery(
      names: names, selector: selector, namespace: namespace, several: resources.count > 1)
    switch output {
    case "json", "yaml":
      return try await query.printObjects(resources, using: client, json: output == "json")
    case "name":
      return try await query.printNames(resources, using: client)
    default:
      let (printedAny, missing) = try await query.printTables(resources, using: client, wide: output == "wide")
      if !printedAny, missing.isEmpty {
        // kubectl's words: a period only after a namespace (`No resources found` across all).
        let scope = namespace.map { " in \($0) namespace." } ?? ""
        JSONLineLogHandler.writeToStandardError(Array("No resources found\(scope)\n".utf8))
      }
      return missing
    }
  }

  /// The resources `resource` names: a kind, every AI kind for `ai`, or a comma-separated list of
  /// them (`pods,events`), as kubectl reads it.
  private func selected(using client: KubeClient) async throws -> [APIResource] {
    let discovery = self.discovery(client)
    var selected: [APIResource] = []
    for word in resource.split(separator: ",").map(String.init) {
      if word == "ai" {
        selected += try await aiKinds(discovery, client: client)
      } else if let found = try await discovery.resource(named: word).resource {
        selected.append(found)
      } else {
        throw KubeError.notFound(
          StatusError(code: 404, reason: "NotFound", message: "the server doesn't have a resource type \"\(word)\""))
      }
    }
    return selected.reduce(into: []) { kinds, kind in if !kinds.contains(kind) { kinds.append(kind) } }
  }

  /// Discovery through kubectl's disk cache (`--cache-dir`, `KUBECACHEDIR`, `~/.kube/cache`); none
  /// where there is no home to keep one in.
  private func discovery(_ client: KubeClient) -> CachedDiscovery {
    let directory = cacheDir.flatMap { $0.isEmpty ? nil : $0 } ?? DiscoveryCache.defaultCacheDirectory()
    return CachedDiscovery(
      client: client,
      cache: directory.map { DiscoveryCache(cacheDirectory: $0, server: client.configuration.server) })
  }

  /// Every AI kind; a labelled CRD the cached catalog lacks (installed since) makes discovery run again.
  private func aiKinds(_ discovery: CachedDiscovery, client: KubeClient) async throws -> [APIResource] {
    // The labelled CRDs are asked for while the catalog is read: one round trip, not two.
    async let labelled = APIDiscovery.labelledAICRDs(client)
    var catalog = try await discovery.catalog()
    let labelledCRDs = await labelled
    let known = Set(catalog.resources.map(\.description))
    if !labelledCRDs.isSubset(of: known), await !discovery.fresh {
      await discovery.invalidate()
      catalog = try await discovery.catalog()
    }
    return AIKindSelection().select(from: catalog, labelledCRDs: labelledCRDs)
  }
}
