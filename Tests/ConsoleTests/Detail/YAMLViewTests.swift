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
    #expect(
      Array(lines.prefix(4)) == [
        "apiVersion: ai.aiconsole.dev/v1", "kind: AICluster", "metadata:", "  name: llama-pool",
      ])
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
    #expect(revealed.contains("  key: c2VjcmV0MQ=="))
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
      lines.map { $0.trimmingCharacters(in: .whitespaces) } == [
        "2 kind: AICluster", "3 metadata:", "4   name: llama-pool",
      ])
    #expect(lines[0].hasPrefix(" 2 kind"))
  }

  @Test("scrolls sideways, and a scroll past the end shows the last page")
  func scrolling() {
    let view = YAMLView(object: DetailFixtures.cluster)
    #expect(view.lines.suffix(2) == ["    reconcileID: rec-1", "    changeID: chg-1"])
    let lines = screen(16, 2) { buffer, area in
      view.render(into: &buffer, area: area, scroll: DetailScroll(top: 10_000, left: 4), theme: .plain)
    }
    #expect(lines == ["reconcileID: rec", "changeID: chg-1 "])
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
}
