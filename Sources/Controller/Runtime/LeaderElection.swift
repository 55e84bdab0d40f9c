import ClusterClient
import Foundation
import KubeCore
import Logging

/// Leader election with a `coordination.k8s.io/v1` Lease, as client-go's leaderelection: the
/// holder renews the lease every `retryPeriod`; another candidate takes it over only once it has
/// not been renewed for `leaseDuration`; a holder that cannot renew within `renewDeadline` stops
/// leading. Every change goes through the Lease's resourceVersion, so two candidates can never
/// both win.
public struct LeaderElection: Sendable {
  public static let leases = CoreResources.leases

  public var client: KubeClient
  public var namespace: String
  public var name: String
  public var identity: String
  public var leaseDuration: Duration = .seconds(15)
  public var renewDeadline: Duration = .seconds(10)
  public var retryPeriod: Duration = .seconds(2)
  /// Where failed attempts are reported (at warning, once per distinct reason); nil: nowhere.
  public var logger: Logger?

  public init(client: KubeClient, namespace: String, name: String, identity: String) {
    self.client = client
    self.namespace = namespace
    self.name = name
    self.identity = identity
  }

  /// Waits to become leader, runs `lead` while leading, and returns when leadership is lost or
  /// the task is cancelled (then the lease is released so another candidate need not wait).
  public func run(_ lead: @escaping @Sendable () async -> Void) async {
    var failure: String?
    while !Task.isCancelled {
      if await attempt(reporting: &failure) == .held { break }
      try? await Task.sleep(for: retryPeriod)
    }
    guard !Task.isCancelled else { return }
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await lead() }
      group.addTask { await self.renewWhileLeading() }
      // Whichever ends first (leadership lost, or the work stopped) ends the other.
      await group.next()
      group.cancelAll()
    }
    // An unstructured task: this one may be cancelled, and the release must still be sent.
    await Task { await release() }.value
  }

  private func renewWhileLeading() async {
    var lastRenewal = ContinuousClock.now
    var failure: String?
    while !Task.isCancelled {
      try? await Task.sleep(for: retryPeriod)
      if Task.isCancelled { return }
      switch await attempt(reporting: &failure) {
      case .held?: lastRenewal = .now
      // Someone else holds a valid lease: leadership is gone now, whatever the deadline says.
      case .heldByAnother?: return
      case nil, .lost?:
        if ContinuousClock.now - lastRenewal > renewDeadline { return }
      }
    }
  }

  /// One attempt whose failure is logged at warning with the API's reason, once until the reason
  /// changes or an attempt gets through again; nil when the attempt failed.
  private func attempt(reporting failure: inout String?) async -> Attempt? {
    do {
      let result = try await tryAcquireOrRenew()
      if failure != nil { logger?.info("leader election reaches its lease again", metadata: leaseMetadata) }
      failure = nil
      return result
    } catch {
      // A stop cancels the attempt in flight: that is no failure to warn about.
      if Task.isCancelled || error is CancellationError { return nil }
      let reason = (error as? KubeError)?.status.map { "\($0.reason) (\($0.code))" } ?? "\(error)"
      if reason != failure {
        var metadata = leaseMetadata
        metadata["reason"] = "\(reason)"
        metadata["error"] = "\(error)"
        logger?.warning("leader election cannot reach its lease; retrying", metadata: metadata)
      }
      failure = reason
      return nil
    }
  }

  private var leaseMetadata: Logger.Metadata { ["lease": "\(namespace)/\(name)", "identity": "\(identity)"] }

  /// How one attempt on the lease ended.
  enum Attempt: Equatable {
    /// Ours now.
    case held
    /// Another candidate holds it and it has not expired.
    case heldByAnother
    /// Someone wrote it meanwhile; try again.
    case lost
  }

  /// One attempt: create the lease, renew it if ours, or take it over if it expired.
  func tryAcquireOrRenew(now: Date = Date()) async throws -> Attempt {
    let lease: JSONValue
    do {
      lease = try await client.get(Self.leases, name: name, namespace: namespace)
    } catch KubeError.notFound {
      do {
        _ = try await client.create(Self.leases, fresh(now: now), namespace: namespace)
      } catch KubeError.alreadyExists {
        return .lost
      }
      return .held
    }
    let spec = lease["spec"] ?? .emptyObject
    let holder = spec["holderIdentity"]?.stringValue ?? ""
    let renewed = spec["renewTime"]?.stringValue.flatMap { LogTimestamp(rfc3339: $0)?.date } ?? .distantPast
    let duration = Double(spec["leaseDurationSeconds"]?.intValue ?? Int64(leaseDuration.components.seconds))
    if holder != identity, !holder.isEmpty, renewed.addingTimeInterval(duration) > now { return .heldByAnother }
    var updated = lease
    let time = Self.microTime(now)
    updated.set(.string(identity), at: ["spec", "holderIdentity"])
    updated.set(.string(time), at: ["spec", "renewTime"])
    updated.set(.int(leaseDuration.components.seconds), at: ["spec", "leaseDurationSeconds"])
    if holder != identity {
      updated.set(.string(time), at: ["spec", "acquireTime"])
      updated.set(.int((spec["leaseTransitions"]?.intValue ?? 0) + 1), at: ["spec", "leaseTransitions"])
    }
    do {
      _ = try await client.update(Self.leases, updated)
      return .held
    } catch KubeError.conflict {
      return .lost
    }
  }

  /// Gives the lease up by clearing the holder, if it is still ours.
  func release() async {
    guard var lease = try? await client.get(Self.leases, name: name, namespace: namespace),
      lease[path: ["spec", "holderIdentity"]]?.stringValue == identity
    else { return }
    lease.set(.string(""), at: ["spec", "holderIdentity"])
    _ = try? await client.update(Self.leases, lease)
  }

  private func fresh(now: Date) -> JSONValue {
    let time = Self.microTime(now)
    return [
      "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
      "metadata": ["name": .string(name), "namespace": .string(namespace)],
      "spec": [
        "holderIdentity": .string(identity), "leaseDurationSeconds": .int(leaseDuration.components.seconds),
        "acquireTime": .string(time), "renewTime": .string(time), "leaseTransitions": 0,
      ],
    ]
  }

  /// `MicroTime`: RFC 3339 with microseconds, as Leases carry their times.
  static func microTime(_ date: Date) -> String {
    let stamp = LogTimestamp(date)
    let micro = stamp.nanoseconds / 1000
    var text = stamp.rfc3339Seconds
    if text.hasSuffix("Z") { text.removeLast() }
    return text + "." + String(format: "%06d", micro) + "Z"
  }
}
