import ClusterClient
import ClusterTestSupport
import Controller
import Foundation
import KubeCore
import Testing

/// Two candidates against one embedded server: one leads at a time, a released lease passes at
/// once, an abandoned one only after it expires.
@Suite(.serialized, .timeLimit(.minutes(5))) struct LeaderElectionTests {
  actor Log {
    var leading: Set<String> = []
    var overlaps = 0
    var leaders: [String] = []
    func start(_ name: String) {
      if !leading.isEmpty { overlaps += 1 }
      leading.insert(name)
      leaders.append(name)
    }
    func stop(_ name: String) { leading.remove(name) }
  }

  func election(_ client: KubeClient, _ identity: String) -> LeaderElection {
    var election = LeaderElection(
      client: client, namespace: "aiconsole-system", name: "aiconsole-controller", identity: identity)
    // Long enough that a CI machine running every suite at once on two cores, which can stall a
    // task for seconds, does not make the leader miss its renewals (4 s was seen to fail there).
    election.leaseDuration = .seconds(15)
    election.renewDeadline = .seconds(10)
    election.retryPeriod = .milliseconds(500)
    return election
  }

  func candidate(_ election: LeaderElection, _ log: Log) -> Task<Void, Never> {
    Task {
      await election.run {
        await log.start(election.identity)
        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(50)) }
        await log.stop(election.identity)
      }
    }
  }

  @Test func onlyOneLeadsAndAReleasedLeasePassesOn() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    let log = Log()
    let first = candidate(election(client, "alpha"), log)
    // beta starts once alpha leads: a fixed head start was too short on a loaded CI machine.
    for _ in 0..<300 where await log.leaders.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
    let second = candidate(election(client, "beta"), log)
    try await Task.sleep(for: .seconds(5))
    #expect(await log.leaders == ["alpha"])
    first.cancel()
    await first.value
    let lease = try await client.get(LeaderElection.leases, name: "aiconsole-controller", namespace: "aiconsole-system")
    _ = lease
    var handedOver = false
    for _ in 0..<300 where !handedOver {
      try await Task.sleep(for: .milliseconds(100))
      handedOver = await log.leaders == ["alpha", "beta"]
    }
    #expect(handedOver)
    #expect(await log.overlaps == 0)
    let held = try await client.get(LeaderElection.leases, name: "aiconsole-controller", namespace: "aiconsole-system")
    #expect(held[path: ["spec", "holderIdentity"]] == "beta")
    #expect(held[path: ["spec", "leaseTransitions"]] == 1)
    second.cancel()
    await second.value
    try await client.shutdown()
    await server.stop()
  }

  @Test func anAbandonedLeaseIsTakenOnlyAfterItExpires() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    // A holder that died without releasing: its lease, renewed just now, names it.
    let now = Date()
    let stamp = LogTimestamp(now).rfc3339
    _ = try await client.create(
      LeaderElection.leases,
      [
        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
        "metadata": ["name": "aiconsole-controller", "namespace": "aiconsole-system"],
        "spec": [
          "holderIdentity": "crashed", "leaseDurationSeconds": 4, "acquireTime": .string(stamp),
          "renewTime": .string(stamp),
        ],
      ])
    let log = Log()
    let started = ContinuousClock.now
    let waiting = candidate(election(client, "beta"), log)
    try await Task.sleep(for: .milliseconds(2000))
    #expect(await log.leaders.isEmpty)
    var took = false
    for _ in 0..<300 where !took {
      try await Task.sleep(for: .milliseconds(100))
      took = await log.leaders == ["beta"]
    }
    #expect(took)
    #expect(ContinuousClock.now - started >= .seconds(4))
    waiting.cancel()
    await waiting.value
    try await client.shutdown()
    await server.stop()
  }
}
