import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

/// One client over its in-flight limit gets a 429 with Retry-After; others, and its watches, do not.
@Suite struct ClientLimitsTests {
  @Test func slotsAreCountedPerClientAndGivenBack() {
    let limits = ClientLimits(limit: 2)
    #expect(limits.enter("a") && limits.enter("a"))
    #expect(!limits.enter("a"))
    #expect(limits.enter("b"))
    limits.leave("a")
    #expect(limits.enter("a"))
  }

  @Test func aClientAtItsLimitIsRefusedWhileOthersAndItsWatchesAreServed() async throws {
    let cluster = try await TestCluster(clientLimit: 1)
    func request(_ agent: String, watch: Bool = false) -> APIRequest {
      var request = APIRequest(
        method: "GET", path: TestCluster.aiClusters, query: watch ? ["watch": "true"] : [:], bearerToken: "admin-token")
      request.userAgent = agent
      return request
    }
    // A request of the script's still in flight holds its one slot.
    #expect(cluster.server.clientLimits.enter("admin/busy-script"))
    let refused = await cluster.server.handle(request("busy-script"))
    #expect(refused.status == 429)
    #expect(refused.headers.contains { $0 == ("Retry-After", "1") })
    let status = try JSONParser.parse(refused.bodyBytes)
    #expect(status["message"]?.stringValue?.contains("too many requests in flight from admin/busy-script") == true)
    #expect(await cluster.server.handle(request("aiconsole")).status == 200)
    #expect(await cluster.server.handle(request("busy-script", watch: true)).status == 200)
    cluster.server.clientLimits.leave("admin/busy-script")
    #expect(await cluster.server.handle(request("busy-script")).status == 200)
  }
}
