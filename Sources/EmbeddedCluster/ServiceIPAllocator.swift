import KubeCore
import Synchronization

/// The service IP range (10.96.0.0/12, kube-apiserver's usual `--service-cluster-ip-range`) and
/// which of its addresses Services hold. A ClusterIP Service gets a free address on create (or the
/// one it asks for, if free and in range); the address is part of the stored object, so the set is
/// rebuilt from the store at start and an address is freed when its Service is deleted.
final class ServiceIPAllocator: Sendable {
  /// The first address of the range (10.96.0.0).
  static let base: UInt32 = 0x0A60_0000
  /// Addresses in the range (a /12).
  static let size: UInt32 = 1 << 20
  /// The address of the `kubernetes` Service: the first usable one.
  static let apiServerIP = text(base + 1)

  private let used = Mutex<Set<UInt32>>([])

  /// Marks the addresses the stored Services hold.
  func load(_ services: [JSONValue]) {
    let addresses = services.flatMap(Self.addresses)
    used.withLock { $0.formUnion(addresses) }
  }

  /// The Service with `spec.clusterIP` and `spec.clusterIPs` allocated, or Invalid when the
  /// address it asks for is outside the range or taken. Headless (`None`) and ExternalName
  /// Services get none.
  func assign(_ service: JSONValue, name: String) throws(StatusError) -> JSONValue {
    var spec = service["spec"] ?? .emptyObject
    if spec["type"]?.stringValue == "ExternalName" { return service }
    let requested = spec["clusterIP"]?.stringValue ?? spec["clusterIPs"]?.arrayValue?.first?.stringValue ?? ""
    var result = service
    if requested == "None" {
      spec["clusterIP"] = "None"
      spec["clusterIPs"] = ["None"]
      result["spec"] = spec
      return result
    }
    let address = try requested.isEmpty ? allocate(name: name) : reserve(requested, name: name)
    spec["clusterIP"] = .string(Self.text(address))
    spec["clusterIPs"] = [.string(Self.text(address))]
    result["spec"] = spec
    return result
  }

  /// Frees the addresses a deleted Service held.
  func release(_ service: JSONValue) {
    let addresses = Self.addresses(of: service)
    used.withLock { $0.subtract(addresses) }
  }

  private func allocate(name: String) throws(StatusError) -> UInt32 {
    // Start where the name hashes to (FNV-1a), so allocations spread and repeat across runs.
    let hash = name.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
    let start = hash % (Self.size - 3)
    let found: UInt32? = used.withLock { used in
      for step in 0..<(Self.size - 3) {
        // .0 is the network, .1 the kubernetes Service, the last the broadcast address.
        let address = Self.base + 2 + (start + step) % (Self.size - 3)
        if used.insert(address).inserted { return address }
      }
      return nil
    }
    guard let found else {
      throw Self.invalid(name, "Internal error: failed to allocate a serviceIP: range is full", value: nil)
    }
    return found
  }

  private func reserve(_ text: String, name: String) throws(StatusError) -> UInt32 {
    guard let address = Self.address(text), address > Self.base, address < Self.base + Self.size - 1 else {
      throw Self.invalid(
        name,
        "failed to allocate IP \(text): the provided IP (\(text)) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
        value: text)
    }
    guard used.withLock({ $0.insert(address).inserted }) else {
      throw Self.invalid(name, "failed to allocate IP \(text): provided IP is already allocated", value: text)
    }
    return address
  }

  private static func invalid(_ name: String, _ message: String, value: String?) -> StatusError {
    let shown = value.map { "[\"\($0)\"]" } ?? "[]"
    return StatusError.invalid(
      kind: "Service", group: "", name: name,
      errors: [FieldError(field: "spec.clusterIPs", reason: .invalid, message: "Invalid value: \(shown): \(message)")])
  }

  private static func addresses(of service: JSONValue) -> [UInt32] {
    let listed = (service["spec"]?["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
    let single = service["spec"]?["clusterIP"]?.stringValue.map { [$0] } ?? []
    return (listed + single).compactMap(address)
  }

  /// A dotted IPv4 address as a number; nil when it is not one.
  static func address(_ text: String) -> UInt32? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { UInt32($0) }
    guard parts.count == 4, parts.allSatisfy({ ($0 ?? 256) < 256 }) else { return nil }
    return parts.reduce(0) { $0 << 8 | $1! }
  }

  /// A number as a dotted IPv4 address.
  static func text(_ address: UInt32) -> String {
    (0..<4).map { String(address >> (24 - 8 * UInt32($0)) & 0xFF) }.joined(separator: ".")
  }
}
