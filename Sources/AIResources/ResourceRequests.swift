/// CPU, memory and GPU requests of one instance. CPU and memory are Kubernetes quantities, which
/// manifests may write as numbers (`cpu: 4`) or strings (`cpu: "500m"`); both decode as strings.
public struct ResourceRequests: Codable, Sendable, Hashable {
  /// CPU, e.g. `"4"` or `"500m"`.
  public var cpu: String?
  /// Memory, e.g. `"32Gi"`.
  public var memory: String?
  /// Whole GPUs.
  public var gpu: Int?

  /// Resource requests.
  public init(cpu: String? = nil, memory: String? = nil, gpu: Int? = nil) {
    self.cpu = cpu
    self.memory = memory
    self.gpu = gpu
  }

  /// Decodes requests, accepting quantities written as numbers.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    cpu = try container.decodeQuantityIfPresent(forKey: .cpu)
    memory = try container.decodeQuantityIfPresent(forKey: .memory)
    gpu = try container.decodeIfPresent(Int.self, forKey: .gpu)
  }
}

extension KeyedDecodingContainer {
  /// A Kubernetes quantity written as a string or a number, as a string.
  func decodeQuantityIfPresent(forKey key: Key) throws -> String? {
    guard contains(key), try !decodeNil(forKey: key) else { return nil }
    if let text = try? decode(String.self, forKey: key) { return text }
    if let number = try? decode(Int64.self, forKey: key) { return String(number) }
    let number = try decode(Double.self, forKey: key)
    return String(number)
  }
}
