import Foundation
import KubeCore

extension APIServer {
  /// GET `pods/{name}/log`: the pod's log as plain text; with `follow=true` a stream that goes on
  /// with new lines until the client leaves or the pod is deleted.
  func podLog(_ scoped: ScopedRequest) async throws -> APIResponse {
    let pod = try await existing(scoped)
    let request = scoped.request
    let tailLines = request.parameter("tailLines").flatMap { Int($0) }
    let limitBytes = request.parameter("limitBytes").flatMap { Int($0) }
    if let container = request.parameter("container") {
      let names = (pod.value["spec"]?["containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
      guard names.isEmpty || names.contains(container) else {
        throw StatusError.badRequest("container \(container) is not valid for pod \(scoped.key.name)")
      }
    }
    let logs = podLogs
    let namespace = scoped.key.namespace
    let name = scoped.key.name
    let initial = logs.read(namespace: namespace, pod: name, tailLines: tailLines, limitBytes: limitBytes)
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
        while !Task.isCancelled {
          try await Task.sleep(for: .milliseconds(100))
          let next = logs.read(namespace: namespace, pod: name, from: offset)
          if !next.bytes.isEmpty { try await writer.write(next.bytes) }
          offset = next.end
          if next.bytes.isEmpty, await store.get(key) == nil { return }
        }
      })
  }
}
