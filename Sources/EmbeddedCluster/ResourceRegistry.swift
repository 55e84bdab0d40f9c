import KubeCore
import Synchronization

/// The resources the server serves right now: the built-ins plus one per established CRD
/// version. Read on every request, changed only when a CRD is written, so a `Mutex` suffices.
final class ResourceRegistry: Sendable {
  private let resources = Mutex<[String: ResourceInfo]>([:])

  init(builtins: [ResourceInfo] = BuiltinResources.all) {
    resources.withLock { table in
      for info in builtins { table[Self.key(info.group, info.version, info.plural)] = info }
    }
  }

  /// The resource served at `group/version/plural`, if any.
  func lookup(group: String, version: String, plural: String) -> ResourceInfo? {
    resources.withLock { $0[Self.key(group, version, plural)] }
  }

  /// The resource of a group, at whichever version serves it.
  func lookup(groupResource: GroupResource) -> ResourceInfo? {
    resources.withLock { table in
      table.values.first { $0.group == groupResource.group && $0.plural == groupResource.resource }
    }
  }

  /// The resource whose kind and apiVersion an object declares.
  func lookup(apiVersion: String, kind: String) -> ResourceInfo? {
    let groupVersion = GroupVersion(apiVersion: apiVersion)
    return resources.withLock { table in
      table.values.first { $0.group == groupVersion.group && $0.version == groupVersion.version && $0.kind == kind }
    }
  }

  /// Every served resource, sorted by group, version and name.
  var all: [ResourceInfo] {
    resources.withLock { Array($0.values) }.sorted {
      ($0.group, $0.version, $0.plural) < ($1.group, $1.version, $1.plural)
    }
  }

  /// Replaces whatever a CRD served with the versions it now defines.
  func register(crdName: String, resources newResources: [ResourceInfo]) {
    resources.withLock { table in
      table = table.filter { !($0.value.isCustom && "\($0.value.plural).\($0.value.group)" == crdName) }
      for info in newResources { table[Self.key(info.group, info.version, info.plural)] = info }
    }
  }

  private static func key(_ group: String, _ version: String, _ plural: String) -> String {
    "\(group)/\(version)/\(plural)"
  }
}
