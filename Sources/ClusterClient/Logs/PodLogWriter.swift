import Foundation

/// Carries JSON log lines into Pods' logs through the API (`KubeClient.appendPodLog`), for the
/// embedded world, where no kubelet captures a process's output: lines queue from any thread and
/// go out at most 200 ms later, one request per Pod per flush, so a busy component costs a few
/// requests a second rather than one per line.
public actor PodLogWriter {
  public struct Target: Hashable, Sendable {
    public var namespace: String
    public var pod: String

    public init(namespace: String, pod: String) {
      self.namespace = namespace
      self.pod = pod
    }
  }

  let client: KubeClient
  private nonisolated let lines: AsyncStream<(Target, String)>
  private nonisolated let input: AsyncStream<(Target, String)>.Continuation
  private var pending: [Target: [String]] = [:]
  private var pendingCount = 0
  /// At most this many lines wait for the API; beyond it the oldest are dropped, so that a
  /// stalled server costs memory only up to here.
  static let backlog = 10_000

  public init(client: KubeClient) {
    self.client = client
    (lines, input) = AsyncStream<(Target, String)>.makeStream(bufferingPolicy: .bufferingNewest(Self.backlog))
  }

  /// Queues one line for a Pod's log; callable from any thread (a log handler's sink).
  public nonisolated func write(_ line: String, to target: Target) { input.yield((target, line)) }

  /// Stops taking lines; `run` writes what it has and returns.
  public nonisolated func finish() { input.finish() }

  /// Carries queued lines to the logs until `finish` (or cancellation).
  public func run() async {
    await withTaskGroup(of: Void.self) { group in
      group.addTask {
        for await (target, line) in self.lines { await self.append(line, to: target) }
      }
      group.addTask {
        while !Task.isCancelled {
          try? await Task.sleep(for: .milliseconds(200))
          await self.flush()
        }
      }
      await group.next()  // the input ended
      group.cancelAll()
    }
    await flush()
  }

  private func append(_ line: String, to target: Target) async {
    pending[target, default: []].append(line)
    pendingCount += 1
    if pendingCount >= 1000 { await flush() }
  }

  private func flush() async {
    guard pendingCount > 0 else { return }
    let batches = pending
    pending.removeAll(keepingCapacity: true)
    pendingCount = 0
    for (target, lines) in batches {
      try? await client.appendPodLog(namespace: target.namespace, pod: target.pod, lines: lines)
    }
  }
}
