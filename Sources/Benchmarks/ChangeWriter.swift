import ClusterClient
import Foundation
import KubeCore

/// A steady stream of changes for a watching console: merge-patches an annotation on AIClusters
/// at a fixed rate, cycling over every object, until cancelled.
struct ChangeWriter: Sendable {
  /// What one run achieved.
  struct Outcome: Sendable {
    /// Patches the server accepted.
    var accepted: Int
    /// Patches it refused or that failed in transit.
    var failed: Int
    /// How long the writer ran.
    var seconds: Double

    /// Accepted changes per second.
    var rate: Double { seconds > 0 ? Double(accepted) / seconds : 0 }
  }

  /// The client the patches go through.
  let client: KubeClient
  /// `/apis/…/namespaces/NS/aiclusters/NAME` of every object to change, in the order they are changed.
  let paths: [String]
  /// The pace, in changes per second.
  let perSecond: Int
  /// Concurrent requests: one lane would stall on a slow answer and fall behind the pace.
  let lanes = 8

  /// Writes until the task is cancelled; returns what it achieved.
  func run() async -> Outcome {
    let clock = ContinuousClock()
    let start = clock.now
    let interval = Duration.seconds(1) / perSecond
    // Each run writes values of its own: a second run that wrote the first run's values again
    // would send patches that change nothing, which the server answers without an event.
    let run = String(UInt64(Date().timeIntervalSince1970 * 1000))
    let counts = await withTaskGroup(of: (Int, Int).self) { group in
      for lane in 0..<lanes {
        group.addTask { await write(lane: lane, run: run, start: start, interval: interval, clock: clock) }
      }
      return await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
    }
    return Outcome(accepted: counts.0, failed: counts.1, seconds: (clock.now - start).seconds)
  }

  /// Change `lane`, `lane + lanes`, … each at its slot on the schedule (at once when behind).
  private func write(
    lane: Int, run: String, start: ContinuousClock.Instant, interval: Duration, clock: ContinuousClock
  ) async -> (Int, Int) {
    var accepted = 0
    var failed = 0
    var index = lane
    while !Task.isCancelled {
      do {
        try await clock.sleep(until: start.advanced(by: interval * index))
      } catch {
        break
      }
      let body: JSONValue = ["metadata": ["annotations": ["bench/change": .string("\(run)-\(index)")]]]
      let answer = try? await client.send(
        .PATCH, paths[index % paths.count], body: body.serialized(), contentType: "application/merge-patch+json")
      // A request cut short by cancellation is neither accepted nor a failure of the server.
      if answer?.status == 200 { accepted += 1 } else if !Task.isCancelled { failed += 1 }
      index += lanes
    }
    return (accepted, failed)
  }
}
