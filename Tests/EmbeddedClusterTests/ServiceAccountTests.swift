import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

@Suite("API server: ServiceAccounts, with a default one in every namespace")
struct ServiceAccountTests {
  @Test("discovery lists serviceaccounts (sa); every namespace, old or new, has ServiceAccount default")
  func defaultAccounts() async throws {
    let cluster = try await TestCluster()
    let resources = try await cluster.call("GET", "/api/v1").value["resources"]?.arrayValue ?? []
    let accounts = resources.first { $0["name"] == "serviceaccounts" }
    #expect(accounts?["shortNames"] == ["sa"])
    #expect(accounts?["namespaced"] == true)
    for namespace in ["default", "aiconsole-system"] {
      let account = try await cluster.call("GET", "/api/v1/namespaces/\(namespace)/serviceaccounts/default")
      #expect(account.status == 200)
      #expect(account.value["kind"] == "ServiceAccount")
    }
    _ = try await cluster.call(
      "POST", "/api/v1/namespaces", body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]])
    #expect(try await cluster.call("GET", "/api/v1/namespaces/team/serviceaccounts/default").status == 200)
    let created = try await cluster.call(
      "POST", "/api/v1/namespaces/team/serviceaccounts",
      body: ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "runner"]])
    #expect(created.status == 201)
    #expect(created.value[path: ["metadata", "generation"]] == nil)
  }
}

extension ServiceAccountTests {
  @Test("a Pod naming a missing service account is refused as the ServiceAccount admission plugin refuses it")
  func missingAccountRefusesPod() async throws {
    let cluster = try await TestCluster()
    var pod = PodBindingTests.pod
    pod.set("robot", at: ["spec", "serviceAccountName"])
    let refused = try await cluster.call("POST", PodBindingTests.pods, body: pod)
    #expect(refused.status == 403)
    #expect(
      refused.value["message"]
        == "pods \"p1\" is forbidden: error looking up service account default/robot: serviceaccount \"robot\" not found"
    )
    _ = try await cluster.call(
      "POST", "/api/v1/namespaces/default/serviceaccounts",
      body: ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "robot"]])
    #expect(try await cluster.call("POST", PodBindingTests.pods, body: pod).status == 201)
  }
}
