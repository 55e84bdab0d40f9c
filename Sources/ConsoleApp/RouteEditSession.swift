import Foundation
import KubeCore

/// One `route edit` in the operator's editor, as `kubectl edit` runs it: the route's YAML under a
/// comment header in a temporary file; an unchanged or emptied file cancels; a refused edit is
/// reopened with the errors as `#` comments at the top and the edit kept; a conflict stops and
/// keeps the edit in a file named in the error.
struct RouteEditSession {
  let operations: ClusterOperations
  let name: String
  var environment = ProcessInfo.processInfo.environment

  static let header = """
    # Please edit the object below. Lines beginning with a '#' will be ignored,
    # and an empty file will abort the edit. If an error occurs while saving this file will be
    # reopened with the relevant failures.
    #
    """

  /// Edits until saved, cancelled or stopped by a conflict.
  func run() async throws {
    try operations.checkWritable("route-edit", .modelRoute, name)
    let original = try await operations.routeYAML(name)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-edit-\(UUID().uuidString.prefix(8)).yaml")
    var body = original
    var errors: [String] = []
    while true {
      try (Self.header + "\n" + errors.map { "# \($0)\n" }.joined() + body).write(
        to: file, atomically: true, encoding: .utf8)
      try runEditor(on: file)
      let edited = Self.withoutComments(try String(contentsOf: file, encoding: .utf8))
      if edited.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || edited == body {
        try? FileManager.default.removeItem(at: file)
        guard errors.isEmpty else {
          throw CommandFailure(message: "Edit cancelled, no valid changes were saved.")
        }
        StandardOutput.write(lines: ["Edit cancelled, no changes made."])
        return
      }
      do throws(OperationError) {
        OperationOptions.report(try await operations.editRoute(name, yaml: edited), fields: true)
        try? FileManager.default.removeItem(at: file)
        return
      } catch let error where error.kind == .invalid || error.kind == .badInput {
        errors = Self.errorLines(error)
        body = edited
      } catch {
        try edited.write(to: file, atomically: true, encoding: .utf8)
        throw CommandFailure(message: "\(error)\nA copy of your changes has been stored to \"\(file.path)\"")
      }
    }
  }

  /// The text with its leading comment lines (the header and any errors) removed.
  static func withoutComments(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    while let first = lines.first, first.hasPrefix("#") { lines.removeFirst() }
    return lines.joined(separator: "\n")
  }

  /// The comment lines that explain why an edit was refused.
  static func errorLines(_ error: OperationError) -> [String] {
    var lines = ["aimodelroute was not valid:"]
    lines += error.fields.isEmpty ? [error.message] : error.fields.map { "* \($0)" }
    return lines.flatMap { $0.split(separator: "\n").map(String.init) } + [""]
  }

  /// Runs the operator's editor on the file, on this terminal.
  private func runEditor(on file: URL) throws {
    do throws(ExternalEditor.Failure) {
      try ExternalEditor(environment: environment).edit(file)
    } catch {
      throw CommandFailure(message: error.description)
    }
  }

}
