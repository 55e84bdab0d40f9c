import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

/// `aiconsole route edit` as the real binary: from a file, and through `$EDITOR` (a script that
/// edits the file as an operator would).
@Suite("route edit as the real binary")
struct RouteEditCommandTests {
  static let spec: JSONValue = ["model": "chat", "backends": [["service": "llama", "weight": 100]]]

  /// An editor script that applies `sed` expressions, one per run, counting runs in `dir`; each
  /// run also copies the file it was given, so the test can read what the operator saw.
  static func editor(in directory: URL, edits: [String]) throws -> String {
    var script = "#!/bin/sh\nn=$(cat \"\(directory.path)/runs\" 2>/dev/null || echo 0)\nn=$((n+1))\n"
    script += "echo $n > \"\(directory.path)/runs\"\ncp \"$1\" \"\(directory.path)/seen-$n.yaml\"\n"
    for (index, edit) in edits.enumerated() where !edit.isEmpty {
      script += "if [ $n = \(index + 1) ]; then sed -i '\(edit)' \"$1\"; fi\n"
    }
    let path = directory.appendingPathComponent("editor.sh")
    try script.write(to: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path)
    return path.path
  }

  @Test("-f applies a file; a refused file prints each field error with status 1")
  func fromFile() async throws {
    try await OperationCommandTests().withServer("route-file") { served in
      try await served.create(.modelRoute, "chat", spec: Self.spec)
      let yaml = try await served.get(.modelRoute, "chat").yamlString()
      let file = served.auditDirectory.deletingLastPathComponent().appendingPathComponent("route.yaml")
      try yaml.replacingOccurrences(of: "weight: 100", with: "weight: 200").write(
        to: file, atomically: true, encoding: .utf8)
      let refused = try served.aiconsole(["route", "edit", "chat", "-f", file.path])
      #expect(refused.status == 1)
      #expect(refused.stderr.hasPrefix("error: "))
      #expect(refused.stderr.contains("spec.backends[0].weight"))
      try yaml.replacingOccurrences(of: "weight: 100", with: "weight: 40").write(
        to: file, atomically: true, encoding: .utf8)
      let edited = try served.aiconsole(["route", "edit", "chat", "-f", file.path])
      #expect(edited.status == 0, "\(edited.stderr)")
      #expect(edited.stdout.hasPrefix("aimodelroute/chat edited (spec.backends)\n"))
      #expect(
        try await served.get(.modelRoute, "chat")[path: ["spec", "backends"]] == [["service": "llama", "weight": 40]])
    }
  }

  @Test("$EDITOR: a refused edit is reopened with the errors on top and the edit kept")
  func editorReopens() async throws {
    try await OperationCommandTests().withServer("route-editor") { served in
      try await served.create(.modelRoute, "chat", spec: Self.spec)
      let directory = served.auditDirectory.deletingLastPathComponent()
      let editor = try Self.editor(in: directory, edits: ["s/weight: 100/weight: 200/", "s/weight: 200/weight: 50/"])
      let result = try served.aiconsole(["route", "edit", "chat"], environment: ["EDITOR": editor])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("aimodelroute/chat edited (spec.backends)"))
      let reopened = try String(contentsOf: directory.appendingPathComponent("seen-2.yaml"), encoding: .utf8)
      #expect(reopened.contains("# * spec.backends[0].weight: "))
      #expect(reopened.contains("weight: 200"))
      #expect(
        try await served.get(.modelRoute, "chat")[path: ["spec", "backends"]] == [["service": "llama", "weight": 50]])
    }
  }

  @Test("$EDITOR: leaving the file unchanged cancels the edit")
  func editorCancels() async throws {
    try await OperationCommandTests().withServer("route-cancel") { served in
      try await served.create(.modelRoute, "chat", spec: Self.spec)
      let editor = try Self.editor(in: served.auditDirectory.deletingLastPathComponent(), edits: [])
      let result = try served.aiconsole(["route", "edit", "chat"], environment: ["EDITOR": editor])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout == "Edit cancelled, no changes made.\n")
      let readOnly = try served.aiconsole(["route", "edit", "chat", "--readonly"], environment: ["EDITOR": editor])
      #expect(readOnly.status == 1)
      #expect(
        readOnly.stderr == "error: read-only mode: route-edit of aimodelroute/chat refused, nothing was changed\n")
    }
  }
}
