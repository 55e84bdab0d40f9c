import KubeCore

/// Keeps a `LogFollower`'s pods equal to the pods of a namespace that match a label selector:
/// lists them, then watches from the list's revision, adding pods as they appear and removing
/// them when deleted; any end of the watch (timeout, 410, a dropped connection) relists.
///
/// A stand-in until the shared pod informer can feed the follower; it owns the follower's set.
public struct PodSelectorWatch: Sendable {
  /// The pods' namespace.
  public let namespace: String
  /// A label selector as the API takes it (`app=web,tier in (a,b)`).
  public let labelSelector: String
  /// The container to follow in each pod; nil for each pod's default one.
  public let container: String?
  /// How long the server keeps one watch open (`timeoutSeconds`) before it is renewed.
  public let watchTimeout: Duration
  private let client: KubeClient
  private let backoff: ReconnectBackoff
  private let clock: any Clock<Duration>

  /// A watch of `namespace`'s pods matching `labelSelector` through `client`.
  public init(
    client: KubeClient, namespace: String, labelSelector: String, container: String? = nil,
    watchTimeout: Duration = .seconds(300), backoff: ReconnectBackoff = ReconnectBackoff(),
    clock: any Clock<Duration> = ContinuousClock()
  ) {
    self.client = client
    self.namespace = namespace
    self.labelSelector = labelSelector
    self.container = container
    self.watchTimeout = watchTimeout
    self.backoff = backoff
    self.clock = clock
  }

  /// Lists and watches until cancelled, telling `follower` which pods to follow; throws only when
  /// the server refuses the credentials.
  public func run(feeding follower: LogFollower) async throws {
    var failures = 0
    while !Task.isCancelled {
      do {
        let revision = try await relist(into: follower)
        failures = 0
        try await watch(from: revision, into: follower)
      } catch KubeError.unauthorized(let status) {
        throw KubeError.unauthorized(status)
      } catch KubeError.forbidden(let status) {
        throw KubeError.forbidden(status)
      } catch {
        failures += 1
      }
      guard (try? await clock.sleep(for: backoff.delay(attempt: failures))) != nil else { return }
    }
  }

  private var podsPath: String {
    "/api/v1/namespaces/\(namespace)/pods?labelSelector=\(QueryValue.escape(labelSelector))"
  }

  private func source(_ pod: String) -> LogSource { LogSource(namespace: namespace, pod: pod, container: container) }

  /// Sets the follower to the pods listed now and returns the list's revision.
  private func relist(into follower: LogFollower) async throws -> String {
    let list = try await client.json(.GET, podsPath)
    let names = (list["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
    await follower.setPods(Set(names.map(source)))
    return list["metadata"]?["resourceVersion"]?.stringValue ?? ""
  }

  private func watch(from revision: String, into follower: LogFollower) async throws {
    let timeout = max(1, watchTimeout.components.seconds)
    let path = podsPath + "&watch=true&timeoutSeconds=\(timeout)&resourceVersion=\(QueryValue.escape(revision))"
    for try await line in try await client.lines(path) {
      guard let event = try? JSONParser.parse(line), let type = event["type"]?.stringValue else { continue }
      if type == "ERROR" { return }
      guard let name = event["object"]?["metadata"]?["name"]?.stringValue else { continue }
      switch type {
      case "ADDED", "MODIFIED": await follower.add(source(name))
      case "DELETED": await follower.remove(source(name))
      default: break
      }
    }
  }
}
