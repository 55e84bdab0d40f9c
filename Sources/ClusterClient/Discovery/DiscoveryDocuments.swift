import KubeCore

/// What discovery brings back, in the shapes kubectl's disk cache stores: one `APIGroupList` (the
/// core group first, named "") and an `APIResourceList` per group version, whichever way the server
/// answered (aggregated or legacy), as client-go converts them.
struct DiscoveryDocuments {
  /// The `APIGroupList`, core group included.
  var groups: JSONValue
  /// `APIResourceList`s by group version (`v1`, `apps/v1`), when the answer carried them
  /// (aggregated discovery); legacy answers leave them to be fetched one by one.
  var resourceLists: [String: JSONValue] = [:]

  /// Each group version of `groups`: its `groupVersion`, whether it is its group's preferred one,
  /// and the path that serves its `APIResourceList`.
  static func groupVersions(_ groups: JSONValue) -> [(groupVersion: String, preferred: Bool, path: String)] {
    var result: [(String, Bool, String)] = []
    for group in groups["groups"]?.arrayValue ?? [] {
      let core = group["name"]?.stringValue == ""
      let preferred = group[path: ["preferredVersion", "groupVersion"]]?.stringValue
      for version in group["versions"]?.arrayValue ?? [] {
        guard let groupVersion = version["groupVersion"]?.stringValue, !groupVersion.isEmpty else { continue }
        result.append((groupVersion, groupVersion == preferred, (core ? "/api/" : "/apis/") + groupVersion))
      }
    }
    return result
  }

  /// From legacy answers: `/api`'s `APIVersions` becomes the core group (client-go's `ServerGroups`
  /// puts it first, its first version preferred), followed by `/apis`'s groups as they are.
  static func legacy(core: JSONValue, groups: JSONValue) -> DiscoveryDocuments {
    let versions = APIDiscovery.strings(core["versions"])
    var all: [JSONValue] = []
    if let first = versions.first {
      all.append(
        group(name: "", versions: versions.map { (groupVersion: $0, version: $0) }, preferred: (first, first)))
    }
    all += groups["groups"]?.arrayValue ?? []
    return DiscoveryDocuments(groups: groupList(all))
  }

  /// From aggregated answers (`APIGroupDiscoveryList` for `/api` and `/apis`), as client-go's
  /// `SplitGroupsAndResources` converts them: each group's first version that is not `Stale` (an
  /// aggregated API server that did not answer) is its preferred one; stale versions are left out
  /// of the group, so they are neither cached nor served.
  static func aggregated(core: JSONValue, groups: JSONValue) -> DiscoveryDocuments {
    var documents = DiscoveryDocuments(groups: groupList([]))
    var all: [JSONValue] = []
    for item in (core["items"]?.arrayValue ?? []) + (groups["items"]?.arrayValue ?? []) {
      let name = item[path: ["metadata", "name"]]?.stringValue ?? ""
      var versions: [(groupVersion: String, version: String)] = []
      for version in item["versions"]?.arrayValue ?? [] where version["freshness"]?.stringValue != "Stale" {
        guard let versionName = version["version"]?.stringValue else { continue }
        let groupVersion = name.isEmpty ? versionName : "\(name)/\(versionName)"
        versions.append((groupVersion, versionName))
        documents.resourceLists[groupVersion] = resourceList(groupVersion, aggregated: version)
      }
      all.append(group(name: name, versions: versions, preferred: versions.first ?? ("", "")))
    }
    documents.groups = groupList(all)
    return documents
  }

  /// One aggregated version's resources as an `APIResourceList`, in the fields and order Go's
  /// `metav1.APIResource` has: subresources as `parent/sub` entries, as the legacy document lists
  /// them, and anything without a response kind left out, as client-go leaves it out.
  static func resourceList(_ groupVersion: String, aggregated version: JSONValue) -> JSONValue {
    var resources: [JSONValue] = []
    for resource in version["resources"]?.arrayValue ?? [] {
      let name = resource["resource"]?.stringValue ?? ""
      let singular = resource["singularResource"] ?? ""
      let namespaced = JSONValue.bool(resource["scope"]?.stringValue == "Namespaced")
      if let kind = resource["responseKind"], kind["kind"]?.stringValue?.isEmpty == false {
        var entry = entryStart(name: .string(name), singular: singular, namespaced: namespaced, kind: kind)
        entry["verbs"] = resource["verbs"] ?? []
        for list in ["shortNames", "categories"] where !(resource[list]?.arrayValue ?? []).isEmpty {
          entry[list] = resource[list]
        }
        resources.append(entry)
      }
      for subresource in resource["subresources"]?.arrayValue ?? [] {
        guard let kind = subresource["responseKind"], kind["kind"]?.stringValue?.isEmpty == false else { continue }
        let subName = subresource["subresource"]?.stringValue ?? ""
        var entry = entryStart(
          name: .string("\(name)/\(subName)"), singular: singular, namespaced: namespaced, kind: kind)
        entry["verbs"] = subresource["verbs"] ?? []
        resources.append(entry)
      }
    }
    return [
      "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion),
      "resources": .array(resources),
    ]
  }

  /// `name`, `singularName`, `namespaced`, then `group` and `version` where not empty, and `kind`.
  private static func entryStart(name: JSONValue, singular: JSONValue, namespaced: JSONValue, kind: JSONValue)
    -> JSONValue
  {
    var entry: JSONValue = ["name": name, "singularName": singular, "namespaced": namespaced]
    for field in ["group", "version"] where kind[field]?.stringValue?.isEmpty == false { entry[field] = kind[field] }
    entry["kind"] = kind["kind"]
    return entry
  }

  static func group(
    name: String, versions: [(groupVersion: String, version: String)], preferred: (String, String)
  ) -> JSONValue {
    [
      "name": .string(name),
      "versions": .array(versions.map { ["groupVersion": .string($0.groupVersion), "version": .string($0.version)] }),
      "preferredVersion": ["groupVersion": .string(preferred.0), "version": .string(preferred.1)],
    ]
  }

  static func groupList(_ groups: [JSONValue]) -> JSONValue {
    ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
  }
}
