import KubeCore

/// A failed API call, typed by what the caller can do about it. Answers carry the server's
/// `Status`; transport failures carry what went wrong on the way.
public enum KubeError: Error, Sendable, CustomStringConvertible {
  case notFound(StatusError)
  case alreadyExists(StatusError)
  /// A write with a stale resourceVersion: read again and re-apply.
  case conflict(StatusError)
  /// The object was refused; `causes` names each bad field.
  case invalid(StatusError, causes: [Cause])
  case badRequest(StatusError)
  case unauthorized(StatusError)
  case forbidden(StatusError)
  /// The resourceVersion is too old (compacted): relist.
  case gone(StatusError)
  /// The server is overloaded; it asked to wait `retryAfter` seconds.
  case tooManyRequests(StatusError, retryAfter: Int?)
  /// A 5xx answer, or a timeout the server reported.
  case server(StatusError)
  /// Any other non-success answer.
  case other(StatusError)
  /// The request never got an answer: connection refused, reset, TLS failure, timeout.
  case transport(String)
  /// The answer was not what the API promises (not JSON, wrong shape).
  case decoding(String)

  /// One field error of an `Invalid` answer.
  public struct Cause: Sendable, Hashable {
    public var reason: String
    public var message: String
    public var field: String
  }

  /// Classifies a non-2xx answer by its HTTP code and `Status` reason.
  public init(status: StatusError, retryAfter: Int? = nil) {
    switch (status.code, status.reason) {
    case (404, _): self = .notFound(status)
    case (409, "AlreadyExists"): self = .alreadyExists(status)
    case (409, _): self = .conflict(status)
    case (422, _), (_, "Invalid"): self = .invalid(status, causes: Self.causes(status))
    case (400, _): self = .badRequest(status)
    case (401, _): self = .unauthorized(status)
    case (403, _): self = .forbidden(status)
    case (410, _), (_, "Expired"), (_, "Gone"): self = .gone(status)
    case (429, _): self = .tooManyRequests(status, retryAfter: retryAfter)
    case (500..., _), (_, "Timeout"), (_, "ServerTimeout"): self = .server(status)
    default: self = .other(status)
    }
  }

  /// The server's `Status`, when there was an answer.
  public var status: StatusError? {
    switch self {
    case .notFound(let status), .alreadyExists(let status), .conflict(let status), .invalid(let status, _),
      .badRequest(let status), .unauthorized(let status), .forbidden(let status), .gone(let status),
      .tooManyRequests(let status, _), .server(let status), .other(let status):
      return status
    case .transport, .decoding: return nil
    }
  }

  public var description: String {
    switch self {
    case .transport(let reason): return "cannot reach the API server: \(reason)"
    case .decoding(let reason): return "unexpected answer from the API server: \(reason)"
    case .tooManyRequests(let status, let retryAfter):
      return status.message + (retryAfter.map { " (retry after \($0)s)" } ?? "")
    default: return status.map { $0.message.isEmpty ? $0.description : $0.message } ?? "error"
    }
  }

  private static func causes(_ status: StatusError) -> [Cause] {
    (status.details?["causes"]?.arrayValue ?? []).map {
      Cause(
        reason: $0["reason"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "",
        field: $0["field"]?.stringValue ?? "")
    }
  }
}
