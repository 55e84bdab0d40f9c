import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

@Suite("YAMLView")
struct YAMLViewTests {
  static let secret: JSONValue = [
    "apiVersion": "v1", "kind": "Secret",
    "metadata": [
      "name": "api-keys", "namespace": "default",
      "annotations": ["kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"key\":\"c2VjcmV0MQ==\"}}"],
    ],
    "type": "Opaque",
    "data": ["key": "c2VjcmV0MQ==", "other": "YWJj"],
    "stringData": ["plain": "hello world"],
  ]

  @Test("prints the object as YAML without managedFields")
  func dropsManagedFields() {
    let lines = YAMLView.lines(of: DetailFixtures.cluster)
    #expect(Array(lines.prefix(3)) == ["apiVersion: ai.aiconsole.dev/v1", "kind: AICluster", "metadata:"])
    #expect(lines.contains("  modelName: llama-3-8b"))
    #expect(!lines.contains { $0.contains("managedFields") || $0.contains("manager") })
  }

  @Test("hides every value of a Secret, and the applied copy kubectl keeps, unless asked to reveal")
  func hidesSecrets() {
    let hidden = YAMLView.lines(of: Self.secret)
    #expect(hidden.contains("  key: '<hidden: 7 bytes>'"))
    #expect(hidden.contains("  other: '<hidden: 3 bytes>'"))
    #expect(hidden.contains("  plain: '<hidden: 11 bytes>'"))
    #expect(hidden.contains("    kubectl.kubernetes.io/last-applied-configuration: <hidden>"))
    #expect(!hidden.joined().contains("c2VjcmV0MQ"))
    #expect(!hidden.joined().contains("hello world"))
    let revealed = YAMLView.lines(of: Self.secret, revealSecrets: true)
    #expect(revealed.contains("  key: secret1"), "revealed values are decoded from base64, as k9s shows them")
  }

  @Test("a custom resource's string data is not taken for a Secret")
  func onlyCoreSecrets() {
    let object: JSONValue = ["apiVersion": "example.com/v1", "kind": "Secret", "data": ["k": "v"]]
    #expect(YAMLView.lines(of: object).contains("  k: v"))
  }

  @Test("draws numbered lines from the scroll position")
  func lineNumbers() {
    let view = YAMLView(object: DetailFixtures.cluster, lineNumbers: true)
    let lines = screen(30, 3) { buffer, area in
      view.render(into: &buffer, area: area, scroll: DetailScroll(top: 1), theme: .plain)
    }
    #expect(
      Array(lines.map { $0.trimmingCharacters(in: .whitespaces) }.prefix(2)) == ["2 kind: AICluster", "3 metadata:"])
    #expect(lines[2].trimmingCharacters(in: .whitespaces).hasPrefix("4   creationTimestamp: \""))
    #expect(lines[0].hasPrefix(" 2 kind"))
  }

  @Test("scrolls sideways, and a scroll past the end shows the last page")
  func scrolling() {
    let view = YAMLView(object: DetailFixtures.cluster)
    #expect(view.lines.suffix(2) == ["    result: Success", "  replicas: 3"])
    let lines = screen(17, 2) { buffer, area in
      view.render(into: &buffer, area: area, scroll: DetailScroll(top: 10_000, left: 2), theme: .plain)
    }
    #expect(lines == ["  result: Success", "replicas: 3      "])
  }

  @Test("colours mapping keys with the theme's key style")
  func keyStyle() {
    let theme = Theme.default
    let buffer = {
      var buffer = ScreenBuffer(width: 20, height: 1)
      YAMLView(object: DetailFixtures.cluster).render(
        into: &buffer, area: buffer.area, scroll: DetailScroll(), theme: theme)
      return buffer
    }()
    #expect(buffer[x: 0, y: 0].style == theme[.text].patched(with: theme[.logKey]))
    #expect(buffer[x: 12, y: 0].style == theme[.text])
  }

  /// An AIModelRoute in the order a server sends it: `kind` before `apiVersion`, `metadata.name` first.
  static let route: JSONValue = [
    "kind": "AIModelRoute", "apiVersion": "ai.aiconsole.dev/v1",
    "metadata": [
      "name": "chat", "namespace": "demo", "uid": "uid-route", "resourceVersion": "7",
      "creationTimestamp": "2026-12-06T03:24:14Z", "managedFields": [["manager": "kubectl"]],
    ],
    "status": ["conditions": [["type": "Accepted", "status": "True"]]],
    "spec": ["model": "chat", "backends": [["weight": 100, "service": "assistant"]]],
  ]

  @Test("`y`, the $EDITOR text and get -o yaml show one YAML, keys in kubectl's order, timestamps quoted")
  func kubectlOrder() {
    let yaml = KubectlOutput.yaml(Self.route)
    #expect(
      yaml == """
        apiVersion: ai.aiconsole.dev/v1
        kind: AIModelRoute
        metadata:
          creationTimestamp: "2026-12-06T03:24:14Z"
          name: chat
          namespace: demo
          resourceVersion: "7"
          uid: uid-route
        spec:
          backends:
          - service: assistant
            weight: 100
          model: chat
        status:
          conditions:
          - status: "True"
            type: Accepted

        """)
    #expect(YAMLView.lines(of: Self.route) == yaml.split(separator: "\n").map(String.init))
    let target = ObjectIdentity(ConsoleFixtures.route, namespace: "demo", name: "chat")
    #expect(EditorRequest(target, route: Self.route).body == yaml)
  }
}
