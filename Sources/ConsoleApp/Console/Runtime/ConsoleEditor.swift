import Foundation

/// Runs the operator's editor on an `EditorRequest`'s text in a temporary file, on the UI thread
/// while the terminal is lent out, and returns the text saved without its comment header.
struct ConsoleEditor {
  var editor = ExternalEditor()

  func edit(_ request: EditorRequest) -> Result<String, ExternalEditor.Failure> {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-edit-\(request.target.name)-\(UUID().uuidString.prefix(8)).yaml")
    do {
      try request.fileText.write(to: file, atomically: true, encoding: .utf8)
    } catch {
      return .failure(ExternalEditor.Failure(description: "cannot write \(file.path): \(error)"))
    }
    do throws(ExternalEditor.Failure) {
      try editor.edit(file)
    } catch {
      // The file stays, so that whatever was typed before the editor failed can be found.
      return .failure(ExternalEditor.Failure(description: "\(error.description); the text is in \(file.path)"))
    }
    guard let saved = try? String(contentsOf: file, encoding: .utf8) else {
      return .failure(ExternalEditor.Failure(description: "cannot read back \(file.path)"))
    }
    try? FileManager.default.removeItem(at: file)
    return .success(RouteEditSession.withoutComments(saved))
  }
}
