import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: Services get cluster IPs as kube-apiserver allocates them")
struct ServiceClusterIPTests {
  static let services = "/api/v1/namespaces/default/services"

  static func service(_ name: String, clusterIP: String? = nil) -> JSONValue {
    var service: JSONValue = [
      "apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)],
      "spec": ["selector": ["app": .string(name)], "ports": [["port": 80]]],
    ]
    if let clusterIP { service.set(.string(clusterIP), at: ["spec", "clusterIP"]) }
    return service
  }

  static func inRange(_ ip: String?) -> Bool {
    guard let ip, let address = ServiceIPAllocator.address(ip) else { return false }
    return address >> 20 == ServiceIPAllocator.base >> 20
  }

  @Test("each ClusterIP Service gets its own address of 10.96.0.0/12; kubernetes holds 10.96.0.1")
  func allocation() async throws {
    let cluster = try await TestCluster()
    let kubernetes = try await cluster.call("GET", "\(Self.services)/kubernetes").value
    #expect(kubernetes[path: ["spec", "clusterIP"]] == "10.96.0.1")
    let web = try await cluster.call("POST", Self.services, body: Self.service("web")).value
    let api = try await cluster.call("POST", Self.services, body: Self.service("api")).value
    let webIP = web[path: ["spec", "clusterIP"]]?.stringValue
    #expect(Self.inRange(webIP))
    #expect(web[path: ["spec", "clusterIPs"]] == [.string(webIP ?? "")])
    #expect(webIP != api[path: ["spec", "clusterIP"]]?.stringValue)
    #expect(webIP != "10.96.0.1")
    #expect(web[path: ["spec", "type"]] == "ClusterIP")
    #expect(web[path: ["spec", "ports"]] == [["port": 80, "protocol": "TCP", "targetPort": 80]])
  }

  @Test(
    "changing spec.clusterIP is 422 Invalid on spec.clusterIPs[0] (update-immutable-field-422.json); omitting it keeps it"
  )
  func immutable() async throws {
    let cluster = try await TestCluster()
    var web = try await cluster.call("POST", Self.services, body: Self.service("web")).value
    let allocated = web[path: ["spec", "clusterIP"]]
    web.set("10.96.200.200", at: ["spec", "clusterIP"])
    let refused = try await cluster.call("PUT", "\(Self.services)/web", body: web)
    #expect(refused.status == 422)
    #expect(refused.value == (try ReferenceAnswer.json("update-immutable-field-422.json")))
    web.set(nil, at: ["spec", "clusterIP"])
    web.set(nil, at: ["spec", "clusterIPs"])
    web.set("yes", at: ["metadata", "labels", "edited"])
    let kept = try await cluster.call("PUT", "\(Self.services)/web", body: web)
    #expect(kept.status == 200)
    #expect(kept.value[path: ["spec", "clusterIP"]] == allocated)
  }

  @Test("headless Services keep None; a taken or foreign address is refused; a deleted Service frees its own")
  func headlessAndRequested() async throws {
    let cluster = try await TestCluster()
    let headless = try await cluster.call("POST", Self.services, body: Self.service("db", clusterIP: "None")).value
    #expect(headless[path: ["spec", "clusterIPs"]] == ["None"])
    #expect(
      try await cluster.call("POST", Self.services, body: Self.service("a", clusterIP: "10.96.5.5")).status == 201)
    let taken = try await cluster.call("POST", Self.services, body: Self.service("b", clusterIP: "10.96.5.5"))
    #expect(taken.status == 422)
    #expect(taken.value[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "spec.clusterIPs")
    #expect(
      try await cluster.call("POST", Self.services, body: Self.service("c", clusterIP: "192.168.0.1")).status == 422)
    _ = try await cluster.call("DELETE", "\(Self.services)/a")
    #expect(
      try await cluster.call("POST", Self.services, body: Self.service("b", clusterIP: "10.96.5.5")).status == 201)
  }
}
