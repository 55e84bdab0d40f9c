import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import EmbeddedCluster

/// A connection's handling prefers its channel's event loop (`GuardedHTTPChannel.handle`): its
/// code must run there, and come back there after the store's actor and after a continuation
/// resumed from another thread (a commit on GRDB's queue), or each request pays thread hand-offs.
@Suite("EventLoopTaskExecutor: a connection's task stays on its event loop")
struct EventLoopTaskExecutorTests {
  actor Counter {
    var value = 0
    func increment() -> Int {
      value += 1
      return value
    }
  }

  @Test("the task runs on the loop, after an actor call and after a resume from another thread")
  func staysOnLoop() async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let loop = group.next()
    let counter = Counter()
    let onLoop = await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
      var seen = [loop.inEventLoop]
      _ = await counter.increment()
      seen.append(loop.inEventLoop)
      // As a commit's completion does: resumed from a thread that is not the loop's.
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        Thread.detachNewThread { continuation.resume() }
      }
      seen.append(loop.inEventLoop)
      return seen
    }
    #expect(onLoop == [true, true, true])
    try await group.shutdownGracefully()
  }
}
