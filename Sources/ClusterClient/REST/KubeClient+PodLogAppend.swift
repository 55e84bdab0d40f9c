import KubeCore

extension KubeClient {
  /// Appends lines to a pod's log through the embedded server's `POST pods/{name}/log`, stamped
  /// with the server's clock; the simulated model instances write their JSON log lines this way.
  /// Only the embedded server offers the verb (on a real cluster the kubelet owns pod logs and the
  /// server refuses the request). One request carries all the lines; a line that contains newlines
  /// becomes several lines, and an empty list sends nothing. Throws `KubeError.notFound` when the
  /// pod does not exist and `KubeError.forbidden` for a read-only identity.
  public func appendPodLog(namespace: String, pod: String, lines: [String]) async throws {
    guard !lines.isEmpty else { return }
    var body: [UInt8] = []
    body.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
    for line in lines {
      body.append(contentsOf: line.utf8)
      body.append(UInt8(ascii: "\n"))
    }
    let path = "/api/v1/namespaces/\(PathEscaping.segment(namespace))/pods/\(PathEscaping.segment(pod))/log"
    let (status, answer) = try await send(.POST, path, body: body, contentType: "text/plain; charset=utf-8")
    guard (200..<300).contains(status) else { throw Self.error(status: status, body: answer, retryAfter: nil) }
  }
}
