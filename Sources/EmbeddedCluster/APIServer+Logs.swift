import Foundation
import KubeCore
import ServiceLifecycle

extension APIServer {
  /// GET `pods/{name}/log`: the pod's log as plain text, as the kubelet serves it (`tailLines`,
  /// `limitBytes`, `sinceTime`, `sinceSeconds`, `timestamps`); with `follow=true` a stream that
  /// goes on with new lines until the client leaves, the pod is deleted or the server shuts down.
  func podLog(_ scoped: ScopedRequest) async throws -> APIResponse {
    let pod = try await existing(scoped)
    let request = scoped.request
    try Self.checkContainer(request.parameter("container"), of: pod.value, pod: scoped.key.name)
    let selection = try logSelection(request)
    let logs = podLogs
    let namespace = scoped.key.namespace
    let name = scoped.key.name
    let initial = logs.read(namespace: namespace, pod: name, selection)
    guard request.flag("follow") else {
      return APIResponse(status: 200, contentType: "text/plain", body: .bytes(initial.bytes))
    }
    let store = store
    let key = scoped.key
    return APIResponse(
      status: 200, contentType: "text/plain",
      body: .stream { writer in
        if !initial.bytes.isEmpty { try await writer.write(initial.bytes) }
        var offset = initial.end
        // A follower never finishes by itself, so it must notice shutdown or it holds the server open.
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
          try await Task.sleep(for: .milliseconds(100))
          let next = logs.read(namespace: namespace, pod: name, from: offset, selection)
          if !next.bytes.isEmpty { try await writer.write(next.bytes) }
          let grew = next.end != offset
          offset = next.end
          if !grew, await store.get(key) == nil { return }
        }
      })
  }

  private static func checkContainer(_ container: String?, of pod: JSONValue, pod name: String) throws {
    guard let container else { return }
    let names = (pod["spec"]?["containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    guard names.isEmpty || names.contains(container) else {
      throw StatusError.badRequest("container \(container) is not valid for pod \(name)")
    }
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
