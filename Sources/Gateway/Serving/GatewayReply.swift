import KubeCore
import NIOCore

/// What the gateway answers: a JSON body, or a stream of server-sent events.
enum GatewayReply: Sendable {
  case json(status: Int, body: JSONValue, headers: [(String, String)])
  case stream(status: Int = 200, headers: [(String, String)], events: AsyncStream<[UInt8]>)
  /// A proxied reply, as the instance wrote it.
  case bytes(status: Int, headers: [(String, String)], body: ByteBuffer)

  static func error(_ error: GatewayError, requestID: String) -> GatewayReply {
    var headers = [("x-request-id", requestID)]
    if let retryAfter = error.retryAfter { headers.append(("retry-after", String(retryAfter))) }
    return .json(status: error.status, body: error.body, headers: headers)
  }

  var status: Int {
    switch self {
    case .json(let status, _, _): status
    case .stream(let status, _, _): status
    case .bytes(let status, _, _): status
    }
  }
}
