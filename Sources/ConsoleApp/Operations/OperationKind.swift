import AIResources
import ClusterClient
import KubeCore

/// The AI kinds an operation acts on, and the names an operator may call them by.
enum OperationKind: String, Sendable, CaseIterable {
  case aiCluster = "AICluster"
  case inferenceService = "InferenceService"
  case modelRoute = "AIModelRoute"

  /// The API group of every AI kind.
  static let group = "ai.aiconsole.dev"

  /// The resource in the API.
  var resource: APIResource {
    switch self {
    case .aiCluster:
      return AICluster.resource
    case .inferenceService:
      return InferenceService.resource
    case .modelRoute:
      return AIModelRoute.resource
    }
  }

  /// The lower-case singular name operators see in messages (`aicluster`).
  var singular: String { rawValue.lowercased() }

  /// The short name (`aic`).
  var shortName: String {
    switch self {
    case .aiCluster: return "aic"
    case .inferenceService: return "infsvc"
    case .modelRoute: return "airoute"
    }
  }

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
