import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

@Suite("DescribeView")
struct DescribeViewTests {
  @Test("describes an AICluster like kubectl: identity, spec, status, conditions and its events")
  func describesCluster() {
    let lines = DescribeView.lines(DetailFixtures.clusterContext)
    #expect(
      Array(lines.prefix(7)) == [
        "Name:         llama-pool",
        "Namespace:    default",
        "Labels:       app.kubernetes.io/part-of=chat",
        "Annotations:  <none>",
        "API Version:  ai.aiconsole.dev/v1",
        "Kind:         AICluster",
        "Metadata:",
      ])
    #expect(lines.contains("  Model Name:     llama-3-8b"))
    #expect(lines.contains("  Resource Requests:"))
    #expect(lines.contains("    Gpu:     1") || lines.contains("    GPU:     1"))
    #expect(lines.contains("  Current Revision:     llama-pool-abc12"))
    #expect(!lines.contains { $0.contains("managedFields") || $0.contains("Managed Fields") })
    let conditions = Array(lines.drop { $0 != "Conditions:" }.prefix(6))
    #expect(
      conditions == [
        "Conditions:",
        "  Type          Status   Reason              Age   Message",
        "  ----          ------   ------              ---   -------",
        "  Ready         False    InstancesNotReady   5m    1/3 instances ready",
        "  Progressing   True     InstancesStarting   5m    2 instance(s) starting",
        "  Degraded      True     CrashLoopBackOff    2m    1 instance of model llama-3-8b keeps crashing",
      ])
    #expect(
      Array(lines.drop { $0 != "Events:" }) == [
        "Events:",
        "  Type      Reason              Age                From                   Message",
        "  ----      ------              ---                ----                   -------",
        "  Normal    ScalingReplicaSet   10m                aiconsole-controller   scaled up to 3 instances",
        "  Warning   BackOff             60s (x5 over 9m)   aiconsole-controller   back-off restarting failed container",
      ])
  }

  @Test("says there are no events when none is about the object")
  func noEvents() {
    var context = DetailFixtures.clusterContext
    context.related["Event"] = []
    #expect(DescribeView.lines(context).last == "Events:  <none>")
  }

  @Test("never shows a Secret's values")
  func secret() {
    let context = DetailContext(
      object: YAMLViewTests.secret, resource: DetailFixtures.resource("Secret", group: ""), related: [:],
      now: DetailFixtures.now)
    let lines = DescribeView.lines(context)
    #expect(lines.contains("  key:    <hidden: 7 bytes>"))
    #expect(!lines.joined().contains("c2VjcmV0MQ"))
  }

  @Test("labels camelCase keys as words, acronyms in capitals")
  func labels() {
    #expect(DescribeWriter.label(for: "modelName") == "Model Name")
    #expect(DescribeWriter.label(for: "targetGPUUtilization") == "Target GPU Utilization")
    #expect(DescribeWriter.label(for: "endpointURL") == "Endpoint URL")
    #expect(DescribeWriter.label(for: "reconcileID") == "Reconcile ID")
    #expect(DescribeWriter.label(for: "VLLM_MAX_MODEL_LEN") == "VLLM_MAX_MODEL_LEN")
  }

  @Test("draws from the scroll position with top-level labels styled")
  func render() {
    let view = DescribeView(context: DetailFixtures.clusterContext)
    let lines = screen(30, 2) { buffer, area in
      view.render(into: &buffer, area: area, scroll: DetailScroll(top: 4), theme: .plain)
    }
    #expect(lines == ["API Version:  ai.aiconsole.dev", "Kind:         AICluster       "])
  }
}
