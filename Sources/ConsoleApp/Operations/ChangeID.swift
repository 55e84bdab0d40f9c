import AIResources
import Foundation

/// The correlation ID every edit carries in its `ai.aiconsole.dev/change-id` annotation; the
/// reconcile it triggers logs it as `correlation_id` and records it in `status.reconcile.changeID`.
enum ChangeID {
  /// The annotation key.
  static let annotation = ChangeStamp.idAnnotation
  /// The field manager every edit is made as.
  static let fieldManager = "aiconsole"

  /// A fresh ID: a lower-case UUID, unique enough to find one change in every log.
  static func make() -> String { UUID().uuidString.lowercased() }
}
