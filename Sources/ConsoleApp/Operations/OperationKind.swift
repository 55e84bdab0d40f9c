import AIResources
import ClusterClient
import KubeCore

/// The AI kinds an operation acts on, and the names an operator may call them by (the kinds'
/// names come from their CRD definitions).
enum OperationKind: Sendable, CaseIterable, RawRepresentable {
  case aiCluster, inferenceService, modelRoute

  /// The kind's CRD definition.
  var definition: AIKindDefinition {
    switch self {
    case .aiCluster: AICluster.definition
    case .inferenceService: InferenceService.definition
    case .modelRoute: AIModelRoute.definition
    }
  }

  /// The kind's name (`AICluster`).
  var rawValue: String { definition.kind }

  init?(rawValue: String) {
    guard let kind = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
    self = kind
  }

  /// The kind of `object`, when operations act on it.
  init?(_ object: ObjectIdentity) {
    guard object.group == Self.group, let kind = Self(rawValue: object.kind) else { return nil }
    self = kind
  }

  /// The API group of every AI kind.
  static let group = AIKinds.group

  /// The resource in the API.
  var resource: APIResource { definition.resource }

  /// The lower-case singular name operators see in messages (`aicluster`).
  var singular: String { rawValue.lowercased() }

  /// The short name (`aic`).
  var shortName: String { definition.shortNames.first ?? singular }

  /// Every spelling that names this kind, as kubectl accepts them: short, singular, plural,
  /// kind, and the plural or singular qualified by the group.
  var spellings: Set<String> {
    let plural = resource.name
    return [shortName, singular, plural, "\(plural).\(Self.group)", "\(singular).\(Self.group)"]
  }

  /// The kind a word names (case-insensitive), among `allowed`.
  static func named(_ word: String, allowed: [OperationKind] = OperationKind.allCases) -> OperationKind? {
    let lower = word.lowercased()
    return allowed.first { $0.spellings.contains(lower) }
  }

  /// Reads `KIND/NAME` (`aic/llama`, `inferenceservice/chat`), refusing kinds not in `allowed`.
  static func parseTarget(_ text: String, allowed: [OperationKind]) throws(OperationError) -> (OperationKind, String) {
    let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let choices = allowed.map { "\($0.singular) (\($0.shortName))" }.joined(separator: " or ")
    guard parts.count == 2, !parts[1].isEmpty, !parts[1].contains("/") else {
      throw OperationError(.badInput, "expected KIND/NAME, such as aic/llama, not \"\(text)\"")
    }
    guard let kind = named(parts[0], allowed: allowed) else {
      throw OperationError(.badInput, "cannot act on \"\(parts[0])\": use \(choices)")
    }
    return (kind, parts[1])
  }
}
