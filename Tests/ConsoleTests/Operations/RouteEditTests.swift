import KubeCore
import Testing

@testable import ConsoleApp

@Suite("Route edit text")
struct RouteEditTests {
  static let route = """
    apiVersion: ai.aiconsole.dev/v1
    kind: AIModelRoute
    metadata:
      name: chat
    spec:
      model: chat
      backends:
      - service: llama
    """

  @Test("reads the edited route")
  func parses() throws {
    let value = try ClusterOperations.parseRoute(Self.route, name: "chat")
    #expect(value[path: ["spec", "backends"]] == [["service": "llama"]])
  }

  @Test(
    "refuses before sending what cannot be the route, keeping the text",
    arguments: [
      ("spec: [", "the edited route is not valid YAML"),
      ("- a", "the edited route is not a YAML object"),
      ("kind: AICluster\nmetadata: {name: chat}", "the edited object is a AICluster, not an AIModelRoute"),
      ("kind: AIModelRoute\nmetadata: {name: other}", "metadata.name may not change (it must stay \"chat\")"),
    ])
  func refuses(text: String, message: String) {
    do throws(OperationError) {
      _ = try ClusterOperations.parseRoute(text, name: "chat")
      Issue.record("accepted \(text)")
    } catch {
      #expect(error.message.hasPrefix(message))
      #expect(error.text == text)
      #expect(error.kind == .badInput)
    }
  }

  @Test("the editor's header and error comments are dropped, the rest kept")
  func comments() {
    let text = RouteEditSession.header + "\n# aimodelroute was not valid:\n# * spec.x: bad\n# \n" + Self.route
    #expect(RouteEditSession.withoutComments(text) == Self.route)
  }

  @Test("a refusal becomes comment lines naming each field")
  func errorLines() {
    let error = OperationError(
      .invalid, "AIModelRoute \"chat\" is invalid",
      fields: [.init(field: "spec.backends[0].weight", message: "Invalid value: 200")])
    #expect(
      RouteEditSession.errorLines(error) == [
        "aimodelroute was not valid:", "* spec.backends[0].weight: Invalid value: 200", "",
      ])
  }
}
