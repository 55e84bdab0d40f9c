/// A reference to another object of the same namespace, by name (`{name: ...}`).
public struct ObjectReference: Codable, Sendable, Hashable {
  /// The referenced object's name.
  public var name: String

  /// A reference to `name`.
  public init(name: String) { self.name = name }
}
