import Foundation
import KubeCore
import ServiceLifecycle

extension APIServer {
  /// GET `pods/{name}/log`: a container's log as plain text, as the kubelet serves it
  /// (`container`, `previous`, `tailLines`, `limitBytes`, `sinceTime`, `sinceSeconds`,
  /// `timestamps`); with `follow=true` a stream that goes on with new lines until the client
  /// leaves, the container restarts (as a kubelet's stream ends with its container), the pod is
  /// deleted or the server shuts down. `previous=true` reads the run before the current one and
  /// never follows: that run has ended.
  func podLog(_ scoped: ScopedRequest) async throws -> APIResponse {
    let pod = try await existing(scoped).value
    let request = scoped.request
    let name = scoped.key.name
    let container = try PodLogTarget.readContainer(request.parameter("container"), of: pod, name: name)
    let previous = Self.boolean(request, "previous")
    let run = try PodLogTarget.readRun(container, of: pod, name: name, previous: previous)
    let selection = try logSelection(request)
    let instance = PodLogStore.Instance(namespace: scoped.key.namespace, pod: name, container: container, restart: run)
    let logs = podLogs
    let initial = try await BlockingFileWork.run { [self] in
      try claimLogs(of: pod, legacy: instance)
      return logs.read(instance, selection)
    }
    guard request.flag("follow"), !previous else {
      return APIResponse(status: 200, contentType: "text/plain", body: .bytes(initial.bytes))
    }
    let store = store
    let key = scoped.key
    let uid = pod[path: ["metadata", "uid"]]
    return APIResponse(
      status: 200, contentType: "text/plain",
      body: .stream { writer in
        if !initial.bytes.isEmpty { try await writer.write(initial.bytes) }
        var offset = initial.end
        // A follower never finishes by itself, so it must notice shutdown or it holds the server open.
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
          try await Task.sleep(for: .milliseconds(100))
          let position = offset
          let next = try await BlockingFileWork.run { logs.read(instance, from: position, selection) }
          if !next.bytes.isEmpty { try await writer.write(next.bytes) }
          let grew = next.end != offset
          offset = next.end
          if !grew, !Self.stillCurrent(instance, of: await store.get(key)?.value, uid: uid) { return }
        }
      })
  }

  /// Whether `instance` is still the current log of the pod with `uid` (not deleted, not made
  /// again, its container not restarted since).
  private static func stillCurrent(_ instance: PodLogStore.Instance, of pod: JSONValue?, uid: JSONValue?) -> Bool {
    guard let pod, pod[path: ["metadata", "uid"]] == uid else { return false }
    return PodLogTarget.currentRun(instance.container, of: pod) == instance.restart
  }

  /// A boolean query parameter as the API server converts it (`Convert_Slice_string_To_bool` in
  /// apimachinery): absent, `0` or `false` (any case) is false, any other value true.
  private static func boolean(_ request: APIRequest, _ name: String) -> Bool {
    guard let text = request.parameter(name) else { return false }
    return text != "0" && text.lowercased() != "false"
  }

  /// The log query parameters, rejected as the API server rejects them.
  private func logSelection(_ request: APIRequest) throws -> PodLogStore.Selection {
    var selection = PodLogStore.Selection()
    selection.tailLines = try Self.integer(request, "tailLines")
    selection.limitBytes = try Self.integer(request, "limitBytes")
    selection.timestamps = request.flag("timestamps")
    let sinceTime = request.parameter("sinceTime")
    let sinceSeconds = try Self.integer(request, "sinceSeconds")
    if sinceTime != nil, sinceSeconds != nil {
      throw StatusError.badRequest("at most one of sinceTime or sinceSeconds may be specified")
    }
    if let sinceTime {
      guard let stamp = PodLogStore.stamp(rfc3339: sinceTime) else {
        throw StatusError.badRequest("sinceTime: invalid RFC 3339 time \"\(sinceTime)\"")
      }
      selection.since = stamp
    }
    if let sinceSeconds {
      guard sinceSeconds > 0 else { throw StatusError.badRequest("sinceSeconds must be greater than 0") }
      selection.since = PodLogStore.stamp(now().addingTimeInterval(-TimeInterval(sinceSeconds)))
    }
    return selection
  }

  private static func integer(_ request: APIRequest, _ name: String) throws -> Int? {
    guard let text = request.parameter(name) else { return nil }
    guard let value = Int(text) else { throw StatusError.badRequest("\(name): invalid integer \"\(text)\"") }
    return value
  }
}
