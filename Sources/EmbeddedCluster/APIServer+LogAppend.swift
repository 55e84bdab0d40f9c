import Foundation
import KubeCore

extension APIServer {
  /// The answer to a successful append: a `Status` with `status: Success` and code 201, the shape
  /// a real server gives for verbs that return no object, so clients parse it like any other.
  static let appendedStatus: JSONValue = [
    "kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Success", "code": 201,
  ]

  /// POST `pods/{name}/log`, an extension of the embedded server only (a real API server has no
  /// such verb; there the kubelet writes logs): appends each line of a `text/plain` body to the
  /// current log of the pod's container (`container`, else its default one; see `PodLogTarget`),
  /// stamped with the server's clock, in one write, so that followers see them at once.
  /// The body splits on `\n`; a final newline ends the last line rather than adding an empty one,
  /// and carriage returns are dropped. Answers 201 with `appendedStatus`; 404 for a missing pod;
  /// 400 for an empty body, one that is not UTF-8 or a container the pod lacks; 415 for another
  /// content type.
  func appendPodLog(_ scoped: ScopedRequest) async throws -> APIResponse {
    try Self.requirePlainText(scoped.request.contentType)
    let pod = try await existing(scoped)
    let lines = try Self.logLines(scoped.request.body)
    let container = scoped.request.parameter("container")
    try await BlockingFileWork.run { [self] in try appendLog(lines, to: pod.value, container: container) }
    await sweepPodLogsIfDue()
    return .json(Self.appendedStatus, status: 201)
  }

  /// Appends to a pod's log from inside the server (its own request log, bootstrap notes); does
  /// nothing when the pod is gone.
  func appendLog(_ lines: [String], namespace: String, pod name: String) async {
    let key = ObjectKey(resource: BuiltinResources.pods.groupResource, namespace: namespace, name: name)
    guard let pod = await store.get(key) else { return }
    _ = try? await BlockingFileWork.run { [self] in try appendLog(lines, to: pod.value, container: nil) }
    await sweepPodLogsIfDue()
  }

  /// Appends to the current run of `container` (or the default container) of `pod`.
  func appendLog(_ lines: [String], to pod: JSONValue, container: String?, at date: Date? = nil) throws {
    let namespace = pod[path: ["metadata", "namespace"]]?.stringValue ?? ""
    let name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
    let chosen = try PodLogTarget.writeContainer(container, of: pod, name: name)
    let instance = PodLogStore.Instance(
      namespace: namespace, pod: name, container: chosen, restart: PodLogTarget.currentRun(chosen, of: pod))
    try claimLogs(of: pod, legacy: instance)
    try podLogs.append(instance, lines: lines, at: date ?? now())
  }

  /// Removes the logs of pods that are gone (or were made again under their name), at most once a
  /// `PodLogStore.SweepSchedule` interval, so that the logs kept stay proportional to the pods.
  func sweepPodLogsIfDue() async {
    guard podLogs.sweeps.take() else { return }
    let logs = podLogs
    for (namespace, name) in (try? await BlockingFileWork.run { logs.pods() }) ?? [] {
      let key = ObjectKey(resource: BuiltinResources.pods.groupResource, namespace: namespace, name: name)
      let uid = await store.get(key)?.value[path: ["metadata", "uid"]]?.stringValue
      _ = try? await BlockingFileWork.run {
        let claimed = logs.claimedUID(namespace: namespace, pod: name)
        if uid == nil || (claimed != nil && claimed != uid) { logs.remove(namespace: namespace, pod: name) }
      }
    }
  }

  /// Ties the pod's log folder to this pod (see `PodLogStore.claim`).
  func claimLogs(of pod: JSONValue, legacy: PodLogStore.Instance) throws {
    guard let uid = pod[path: ["metadata", "uid"]]?.stringValue else { return }
    try podLogs.claim(namespace: legacy.namespace, pod: legacy.pod, uid: uid, legacy: legacy)
  }

  private static func requirePlainText(_ contentType: String) throws(StatusError) {
    let mediaType = contentType.split(separator: ";").first.map { String($0).trimmingSpaces.lowercased() }
    guard mediaType == "text/plain" else {
      throw StatusError(
        code: 415, reason: "UnsupportedMediaType",
        message: "a pod log append takes a text/plain body, one log line per line; got \"\(contentType)\"")
    }
  }

  /// The lines of an append body.
  static func logLines(_ body: [UInt8]) throws(StatusError) -> [String] {
    guard !body.isEmpty else { throw StatusError.badRequest("the body of the request was empty: no log lines") }
    var bytes = body.filter { $0 != UInt8(ascii: "\r") }
    if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw StatusError.badRequest("the log lines are not valid UTF-8")
    }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }
}
