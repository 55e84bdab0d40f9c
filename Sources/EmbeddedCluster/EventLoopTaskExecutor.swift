import NIOCore

/// Runs a task's jobs on one NIO event loop: a connection's handling prefers its channel's loop
/// (`withTaskExecutorPreference`), so that reading a request, handling it and writing its answer
/// stay on the thread that owns the socket. Without it the handler runs wherever the global
/// executor puts it: on Swift's cooperative pool, two thread hand-offs a request; on NIO's loops
/// (`aiconsole serve`), on the loop that accepted the connection, so that one loop took every
/// connection's handling and the other only its I/O. The store's actor follows the preference of
/// the task that calls it, and a write that waited for a batch resumes on its own connection's loop.
final class EventLoopTaskExecutor: TaskExecutor {
  let eventLoop: any EventLoop

  init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
