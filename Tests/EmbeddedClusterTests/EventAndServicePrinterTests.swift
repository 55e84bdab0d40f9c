import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

/// The event and service printers' derived cells, for the cases kube-apiserver's printers tell apart.
@Suite("EventPrinter and ServicePrinter: cells as kube-apiserver's printers derive them")
struct EventAndServicePrinterTests {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)
  static func ago(_ seconds: TimeInterval, fraction: Bool = false) -> JSONValue {
    let text = Timestamps.format(now.addingTimeInterval(-seconds))
    return .string(fraction ? text.replacingOccurrences(of: "Z", with: ".123456Z") : text)
  }

  @Test("a core event: First and Last Seen from its timestamps, count as given")
  func coreEvent() {
    let event: JSONValue = ["firstTimestamp": Self.ago(600), "lastTimestamp": Self.ago(60), "count": 4]
    let printed = EventPrinter(event: event, now: Self.now)
    #expect(printed.firstSeen == "10m" && printed.lastSeen == "60s")
    #expect(EventPrinter.count(event) == 4)
  }

  @Test("a new-API event: First Seen from eventTime (microseconds), Last Seen and Count from its series")
  func seriesEvent() {
    let event: JSONValue = [
      "eventTime": Self.ago(300, fraction: true), "series": ["count": 7, "lastObservedTime": Self.ago(30)],
    ]
    let printed = EventPrinter(event: event, now: Self.now)
    // 299.876544 s before now: ages truncate to whole seconds, as Go's HumanDuration does.
    #expect(printed.firstSeen == "4m59s" && printed.lastSeen == "30s")
    #expect(EventPrinter.count(event) == 7)
  }

  @Test("a singleton event without timestamps or count: <unknown> ages, count 1")
  func singletonEvent() {
    let printed = EventPrinter(event: .emptyObject, now: Self.now)
    #expect(printed.firstSeen == "<unknown>" && printed.lastSeen == "<unknown>")
    #expect(EventPrinter.count(.emptyObject) == 1)
  }

  @Test("Object and Source: kind/name or the kind alone; the reporting controller and instance stand in")
  func objectAndSource() {
    #expect(EventPrinter.target(["involvedObject": ["kind": "Node", "name": "gpu-1"]]) == "node/gpu-1")
    #expect(EventPrinter.target(["involvedObject": ["kind": "Node"]]) == "node")
    #expect(EventPrinter.source(["source": ["component": "kubelet", "host": "gpu-1"]]) == "kubelet, gpu-1")
    #expect(
      EventPrinter.source(["reportingComponent": "aiconsole-controller", "reportingInstance": "c-0"])
        == "aiconsole-controller, c-0")
    #expect(EventPrinter.source(["source": ["component": "default-scheduler"]]) == "default-scheduler")
  }

  @Test("services: node ports, a pending and an assigned load balancer, an ExternalName, external IPs")
  func services() {
    let nodePort: JSONValue = [
      "spec": ["type": "NodePort", "ports": [["port": 80, "nodePort": 30080, "protocol": "TCP"]]]
    ]
    #expect(ServicePrinter.ports(nodePort) == "80:30080/TCP")
    #expect(ServicePrinter.externalIP(nodePort) == "<none>")
    var balancer: JSONValue = ["spec": ["type": "LoadBalancer", "externalIPs": ["192.0.2.9"]]]
    #expect(ServicePrinter.externalIP(["spec": ["type": "LoadBalancer"]]) == "<pending>")
    balancer.set([["hostname": "lb.example.com"], ["ip": "203.0.113.5"]], at: ["status", "loadBalancer", "ingress"])
    #expect(ServicePrinter.externalIP(balancer) == "203.0.113.5,lb.example.com,192.0.2.9")
    #expect(
      ServicePrinter.externalIP(["spec": ["type": "ExternalName", "externalName": "db.example.com"]])
        == "db.example.com")
    #expect(ServicePrinter.ports(["spec": .emptyObject]) == "<none>")
    #expect(ServicePrinter.selector(["spec": ["selector": ["tier": "api", "app": "web"]]]) == "app=web,tier=api")
    #expect(ServicePrinter.clusterIP(["spec": ["clusterIPs": ["None"]]]) == "None")
  }
}
