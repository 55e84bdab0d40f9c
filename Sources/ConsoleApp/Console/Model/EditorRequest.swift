import KubeCore

/// A route's YAML for the operator's editor, as `kubectl edit` shows it: the text under a header
/// of `#` lines, which carry the server's errors or, after a conflict, what changed meanwhile.
struct EditorRequest: Sendable {
  var target: ObjectIdentity
  /// The route the text was made from (a conflict's rebase needs what the operator started from).
  var base: JSONValue
  /// The YAML to edit (the operator's own text after a refusal).
  var body: String
  /// Lines shown as comments above the YAML.
  var notes: [String] = []

  /// The request for `route` as it is.
  init(_ target: ObjectIdentity, route: JSONValue) {
    self.target = target
    base = KubectlOutput.shown(route)
    body = base.yamlString()
  }

  /// The file's content: header, notes, YAML.
  var fileText: String {
    RouteEditSession.header + "\n" + notes.map { "# \($0)\n" }.joined() + body
  }
}
