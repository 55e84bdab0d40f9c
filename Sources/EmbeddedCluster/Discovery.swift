import KubeCore

/// The discovery documents `kubectl` reads to learn what the server serves.
struct Discovery {
  let registry: ResourceRegistry

  static let gitVersion = "v1.36.2-aiconsole"

  static let version: JSONValue = [
    "major": "1", "minor": "36", "emulationMajor": "1", "emulationMinor": "36", "minCompatibilityMajor": "1",
    "minCompatibilityMinor": "35", "gitVersion": .string(gitVersion), "gitCommit": "aiconsole", "gitTreeState": "clean",
    "buildDate": "2026-11-25T00:00:00Z", "goVersion": "swift6.3", "compiler": "swiftc", "platform": "linux/amd64",
  ]

  var coreVersions: JSONValue {
    [
      "kind": "APIVersions", "versions": ["v1"],
      "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": ""]],
    ]
  }

  private var groups: [(name: String, versions: [String])] {
    var order: [String] = []
    var versions: [String: [String]] = [:]
    for info in registry.all where !info.group.isEmpty {
      if versions[info.group] == nil { order.append(info.group) }
      if !(versions[info.group]?.contains(info.version) ?? false) {
        versions[info.group, default: []].append(info.version)
      }
    }
    return order.map { ($0, versions[$0] ?? []) }
  }

  private func groupDocument(_ name: String, _ versions: [String]) -> JSONValue {
    let entries: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
    return ["name": .string(name), "versions": .array(entries), "preferredVersion": entries.first ?? .null]
  }

  var groupList: JSONValue {
    ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups.map { groupDocument($0.name, $0.versions) })]
  }

  func group(_ name: String) -> JSONValue? {
    guard let entry = groups.first(where: { $0.name == name }) else { return nil }
    var document = groupDocument(entry.name, entry.versions)
    document["kind"] = "APIGroup"
    document["apiVersion"] = "v1"
    return document
  }

  func resourceList(group: String, version: String) -> JSONValue? {
    let infos = registry.all.filter { $0.group == group && $0.version == version }
    guard !infos.isEmpty else { return nil }
    var resources: [JSONValue] = []
    for info in infos {
      var entry: JSONValue = [
        "name": .string(info.plural), "singularName": .string(info.singular), "namespaced": .bool(info.namespaced),
        "kind": .string(info.kind), "verbs": .array(Self.verbs(of: info).map { .string($0) }),
      ]
      if !info.shortNames.isEmpty { entry["shortNames"] = .array(info.shortNames.map { .string($0) }) }
      if !info.categories.isEmpty { entry["categories"] = .array(info.categories.map { .string($0) }) }
      entry["storageVersionHash"] = .string(String(info.kind.hashValue & 0xFFFF_FFFF, radix: 16))
      resources.append(entry)
      for (name, kind, group, version, verbs) in subresources(of: info) {
        var sub: JSONValue = [
          "name": .string("\(info.plural)/\(name)"), "singularName": "", "namespaced": .bool(info.namespaced),
          "kind": .string(kind), "verbs": .array(verbs.map { .string($0) }),
        ]
        if let group { sub["group"] = .string(group) }
        if let version { sub["version"] = .string(version) }
        resources.append(sub)
      }
    }
    return [
      "kind": "APIResourceList", "apiVersion": "v1",
      "groupVersion": .string(GroupVersion(group: group, version: version).description),
      "resources": .array(resources),
    ]
  }

  /// The verbs of a resource: all of them, but no deletecollection of namespaces (kube-apiserver
  /// deletes a namespace only one at a time, through its namespace controller).
  static func verbs(of info: ResourceInfo) -> [String] {
    isNamespaces(info) ? ResourceInfo.verbs.filter { $0 != "deletecollection" } : ResourceInfo.verbs
  }

  static func isNamespaces(_ info: ResourceInfo) -> Bool { info.plural == "namespaces" && info.group.isEmpty }

  private func subresources(of info: ResourceInfo) -> [(String, String, String?, String?, [String])] {
    var result: [(String, String, String?, String?, [String])] = []
    if info.hasBinding { result.append(("binding", "Binding", nil, nil, ["create"])) }
    if Self.isNamespaces(info) { result.append(("finalize", info.kind, nil, nil, ["update"])) }
    if info.hasStatus { result.append(("status", info.kind, nil, nil, ["get", "patch", "update"])) }
    if info.scale != nil { result.append(("scale", "Scale", "autoscaling", "v1", ["get", "patch", "update"])) }
    if info.hasLog { result.append(("log", "Pod", nil, nil, ["get"])) }
    return result
  }
}
