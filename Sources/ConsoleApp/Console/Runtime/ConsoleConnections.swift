import Synchronization

/// The console's one live connection, and its replacement when `:ctx` switches context.
///
/// Each connection has a generation, its own handle on the inbox and its own `ConsoleRequests`.
/// A switch ends the old connection's say in one step: under one lock the generation moves on,
/// the inbox drops what the old one queued and refuses what it posts later, and the requests
/// are replaced, so an operation asked of the old cluster is never run against the new one.
/// The old connection is then cancelled (its informers, log follows and metrics feed stop) and
/// the new one started; the old one winds down beside it, and is awaited when the console quits.
///
/// Why generations rather than one inbox per connection: the UI thread owns one inbox and its
/// waker, and the order of events matters at the one place they meet; dropping stale events
/// under the queue's own lock is what makes "nothing of the old cluster after the switch" hold,
/// and it needs no change to the feeds, which post as they always did.
final class ConsoleConnections: Sendable {
  /// What the UI asks of the connections themselves.
  private enum Request: Sendable {
    case switchTo(ConsoleContext)
    case readContexts
  }

  private struct Current {
    var generation = 0
    var requests = ConsoleRequests()
  }

  /// The UI's own handle on the inbox.
  let inbox: ConsoleInbox
  private let current = Mutex(Current())
  private let requests: AsyncStream<Request>
  private let requestInput: AsyncStream<Request>.Continuation

  init(inbox: ConsoleInbox) {
    self.inbox = inbox
    (requests, requestInput) = AsyncStream.makeStream()
  }

  /// Hands an effect of the reducer to whoever runs it. `generation` is the connection the state
  /// was about when the effect was asked for: an effect for a connection replaced meanwhile (an
  /// operation confirmed on the old cluster's object, say) is dropped.
  func perform(_ effect: ConsoleEffect, generation: Int) {
    switch effect {
    case .switchContext(let context): requestInput.yield(.switchTo(context))
    case .readContexts: requestInput.yield(.readContexts)
    default:
      current.withLock { current in
        guard current.generation == generation else { return }
        current.requests.perform(effect)
      }
    }
  }

  /// How the launch connects, resolves a context and lists them.
  struct Driver: Sendable {
    /// Runs one connection until cancelled, posting through `inbox`.
    var connect: @Sendable (ConsoleLaunch.Target, _ inbox: ConsoleInbox, ConsoleRequests) async -> Void
    /// The target and the header's world for a context; throws when its kubeconfig entry is unusable.
    var resolve: @Sendable (ConsoleContext) throws -> (ConsoleLaunch.Target, ConsoleState.World)
    /// The contexts `:ctx` offers, read now.
    var contexts: @Sendable () -> ConsoleContexts
  }

  /// Runs the first connection, then one per switch, until cancelled; returns once every
  /// connection it started has stopped.
  func run(first: ConsoleLaunch.Target, _ driver: Driver) async {
    inbox.post(.contexts(driver.contexts()))
    let firstRequests = current.withLock { $0.requests }
    var running = Task { await driver.connect(first, inbox.connection(0), firstRequests) }
    var retiring: [Task<Void, Never>] = []
    for await request in requests {
      switch request {
      case .readContexts: inbox.post(.contexts(driver.contexts()))
      case .switchTo(let context):
        let target: ConsoleLaunch.Target
        let world: ConsoleState.World
        do {
          (target, world) = try driver.resolve(context)
        } catch {
          // Nothing was touched: the console stays on the context it shows.
          inbox.post(.contextRefused(name: context.name, reason: "\(error)"))
          continue
        }
        let (generation, requests) = current.withLock { current in
          current.generation += 1
          current.requests = ConsoleRequests()
          inbox.beginGeneration(current.generation, announcing: .contextSwitched(world))
          return (current.generation, current.requests)
        }
        running.cancel()
        retiring.append(running)
        running = Task { await driver.connect(target, inbox.connection(generation), requests) }
      }
    }
    // Cancelled: the console is quitting.
    running.cancel()
    await running.value
    for task in retiring { await task.value }
  }
}
