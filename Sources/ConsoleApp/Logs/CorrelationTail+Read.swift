import ClusterClient
import KubeCore

extension CorrelationTail {
  /// Reads what the pods of `scope` hold now (no following) and returns the lines `filter`
  /// passes, merged in time order; throws when the pods cannot be listed (no server, a refused
  /// identity). A pod whose log cannot be read contributes nothing.
  static func read(
    client: KubeClient, filter: LogFilter, scope: Scope = Scope(), options: PodLogOptions = PodLogOptions(follow: false)
  ) async throws -> [LogRecord] {
    var once = options
    once.follow = false
    let readOptions = once
    let sources = try await pods(client: client, scope: scope)
    let found = await withTaskGroup(of: [LogRecord].self) { group in
      for source in sources {
        group.addTask {
          var kept: [LogRecord] = []
          let stream = PodLogStream(client: client, source: source, options: readOptions)
          do {
            for try await record in stream where filter.matches(record) { kept.append(record) }
          } catch {
            // A refused log read of one pod leaves the others readable.
          }
          return kept
        }
      }
      return await group.reduce(into: []) { $0 += $1 }
    }
    return MergedLog.sorted(found)
  }

  /// The component pods, and the instance pods when the scope asks for them.
  static func pods(client: KubeClient, scope: Scope) async throws -> [LogSource] {
    var items = try await client.listAll(podResource, namespace: componentNamespace).items
    if scope.instances {
      items += try await client.listAll(
        podResource, namespace: scope.instanceNamespace, options: ListOptions(labelSelector: instanceLabel)
      ).items
    }
    // A pending pod has no log yet, and a read of it would wait for its container forever.
    return items.filter { $0[path: ["status", "phase"]]?.stringValue != "Pending" }.compactMap(source(of:))
  }
}
