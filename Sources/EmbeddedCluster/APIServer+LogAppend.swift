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
  /// pod's log, stamped with the server's clock, in one write, so that followers see them at once.
  /// The body splits on `\n`; a final newline ends the last line rather than adding an empty one,
  /// and carriage returns are dropped. Answers 201 with `appendedStatus`; 404 for a missing pod;
  /// 400 for an empty body or one that is not UTF-8; 415 for another content type.
  func appendPodLog(_ scoped: ScopedRequest) async throws -> APIResponse {
    try Self.requirePlainText(scoped.request.contentType)
    _ = try await existing(scoped)
    let lines = try Self.logLines(scoped.request.body)
    try podLogs.append(namespace: scoped.key.namespace, pod: scoped.key.name, lines: lines, at: now())
    return .json(Self.appendedStatus, status: 201)
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
