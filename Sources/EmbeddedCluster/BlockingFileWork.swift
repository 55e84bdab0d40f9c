import NIOPosix

/// File work a request does (pod log files: reads of whole runs, appends, the folder sweep) runs on
/// NIO's blocking thread pool. `aiconsole serve` runs tasks on NIO's event loops, where a thread
/// that waits on the disk would also stall every connection on its loop; the pool's threads do
/// nothing else. Small and rare next to the requests it keeps moving: one hop there and back.
enum BlockingFileWork {
  static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
  }
}
