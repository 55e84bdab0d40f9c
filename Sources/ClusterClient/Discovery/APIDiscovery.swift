import KubeCore

/// Discovers what a server serves: aggregated discovery (two requests) where the server offers
/// it, else the legacy documents (one request per group version, fetched concurrently).
public enum APIDiscovery {
  static let aggregatedAccept =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

  /// The catalog of `client`'s server.
  public static func catalog(_ client: KubeClient) async throws -> APIResourceCatalog {
    async let core = client.json(.GET, "/api", accept: aggregatedAccept)
    async let groups = client.json(.GET, "/apis", accept: aggregatedAccept)
    let (coreDocument, groupsDocument) = try await (core, groups)
    if coreDocument["kind"]?.stringValue == "APIGroupDiscoveryList",
      groupsDocument["kind"]?.stringValue == "APIGroupDiscoveryList"
    {
      return APIResourceCatalog(resources: aggregated(coreDocument) + aggregated(groupsDocument))
    }
    return APIResourceCatalog(resources: try await legacy(client, core: coreDocument, groups: groupsDocument))
  }

  /// The resources of an `APIGroupDiscoveryList`; each group's first version is its preferred one.
  public static func aggregated(_ document: JSONValue) -> [APIResource] {
    var result: [APIResource] = []
    for group in document["items"]?.arrayValue ?? [] {
      let name = group[path: ["metadata", "name"]]?.stringValue ?? ""
      for (index, version) in (group["versions"]?.arrayValue ?? []).enumerated() {
        let versionName = version["version"]?.stringValue ?? ""
        for resource in version["resources"]?.arrayValue ?? [] {
          result.append(
            APIResource(
              group: name, version: versionName, name: resource["resource"]?.stringValue ?? "",
              singularName: resource["singularResource"]?.stringValue ?? "",
              kind: resource[path: ["responseKind", "kind"]]?.stringValue ?? "",
              namespaced: resource["scope"]?.stringValue == "Namespaced", verbs: strings(resource["verbs"]),
              shortNames: strings(resource["shortNames"]), categories: strings(resource["categories"]),
              subresources: (resource["subresources"]?.arrayValue ?? []).compactMap { $0["subresource"]?.stringValue },
              preferred: index == 0))
        }
      }
    }
    return result
  }

  /// The resources of one legacy `APIResourceList`, subresources folded into their parents.
  public static func resourceList(_ document: JSONValue, preferred: Bool) -> [APIResource] {
    let groupVersion = GroupVersion(apiVersion: document["groupVersion"]?.stringValue ?? "v1")
    var result: [APIResource] = []
    var subresources: [String: [String]] = [:]
    for entry in document["resources"]?.arrayValue ?? [] {
      let name = entry["name"]?.stringValue ?? ""
      if let slash = name.firstIndex(of: "/") {
        subresources[String(name[..<slash]), default: []].append(String(name[name.index(after: slash)...]))
        continue
      }
      result.append(
        APIResource(
          group: groupVersion.group, version: groupVersion.version, name: name,
          singularName: entry["singularName"]?.stringValue ?? "", kind: entry["kind"]?.stringValue ?? "",
          namespaced: entry["namespaced"]?.boolValue ?? false, verbs: strings(entry["verbs"]),
          shortNames: strings(entry["shortNames"]), categories: strings(entry["categories"]), preferred: preferred))
    }
    return result.map { resource in
      var resource = resource
      resource.subresources = subresources[resource.name] ?? []
      return resource
    }
  }

  private static func legacy(_ client: KubeClient, core: JSONValue, groups: JSONValue) async throws -> [APIResource] {
    var documents: [(path: String, preferred: Bool)] = strings(core["versions"]).enumerated().map {
      ("/api/\($1)", $0 == 0)
    }
    for group in groups["groups"]?.arrayValue ?? [] {
      let preferred = group[path: ["preferredVersion", "groupVersion"]]?.stringValue
      for version in group["versions"]?.arrayValue ?? [] {
        guard let groupVersion = version["groupVersion"]?.stringValue else { continue }
        documents.append(("/apis/\(groupVersion)", groupVersion == preferred))
      }
    }
    return try await withThrowingTaskGroup(of: [APIResource].self) { tasks in
      for document in documents {
        tasks.addTask {
          do {
            return resourceList(try await client.json(.GET, document.path), preferred: document.preferred)
          } catch KubeError.notFound, KubeError.server {
            // A group version whose aggregated server is down: kubectl skips it and goes on.
            return []
          }
        }
      }
      var result: [APIResource] = []
      for try await resources in tasks { result.append(contentsOf: resources) }
      return result
    }
  }

  /// The `plural.group` names of CRDs labelled as AI kinds; empty when CRDs cannot be listed.
  public static func labelledAICRDs(_ client: KubeClient) async -> Set<String> {
    let path =
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
      + PathEscaping.query([("labelSelector", "\(AIKindSelection.crdLabel)=true")])
    guard let list = try? await client.json(.GET, path) else { return [] }
    return Set((list["items"]?.arrayValue ?? []).compactMap { $0[path: ["metadata", "name"]]?.stringValue })
  }

  static func strings(_ value: JSONValue?) -> [String] { (value?.arrayValue ?? []).compactMap(\.stringValue) }
}
