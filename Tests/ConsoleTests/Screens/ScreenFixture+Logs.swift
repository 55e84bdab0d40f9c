import ClusterClient
import Foundation
import KubeCore

@testable import ConsoleApp

/// The last minute of log lines of every pod, as they write them: the controller's and the
/// gateway's JSON lines, the instances' model-server lines, and one line of the API server,
/// whose log the console never follows.
extension ScreenFixture {
  /// One JSON line of `pod` in `namespace`, written `seconds` before `now`.
  static func line(
    _ pod: String, namespace: String = namespace, _ seconds: Double, _ level: String, _ message: String,
    logger: String = "model-server", _ fields: KeyValuePairs<String, JSONValue> = [:]
  ) -> LogRecord {
    var object: JSONValue = [
      "ts": .string(LogTimestamp(now.addingTimeInterval(-seconds)).rfc3339Milliseconds), "level": .string(level),
      "logger": .string(logger), "msg": .string(message),
    ]
    for (key, value) in fields { object[key] = value }
    return LogRecord(source: LogSource(namespace: namespace, pod: pod), timestamp: nil, text: object.jsonString)
  }

  static func component(
    _ pod: String, _ seconds: Double, _ level: String, _ message: String,
    _ fields: KeyValuePairs<String, JSONValue> = [:]
  ) -> LogRecord {
    line(
      "aiconsole-\(pod)", namespace: "aiconsole-system", seconds, level, message, logger: pod, fields)
  }

  static var logRecords: [LogRecord] {
    [
      line(
        "chat-canary-84c6d7f9b-m4n8v", 60, "info", "loading weights of llama-3-8b 2 (shard 2 of 4)",
        ["correlation_id": "", "model": "llama-3-8b"]),
      component(
        "controller", 58, "info", "reconciled",
        [
          "kind": "AICluster", "object": "demo/embeddings", "result": "Success", "duration_ms": 6,
          "correlation_id": "rc-embeddings-0042",
        ]),
      component("apiserver", 57, "info", "GET /api/v1/namespaces/demo/pods/chat-7b5d9c6f4-h5t2w/log 200"),
      component(
        "gateway", 52, "info", "request served",
        ["route": "chat", "model": "llama-3-8b", "status": 200, "duration_ms": 412, "correlation_id": "demo-48211"]),
      line(
        "chat-7b5d9c6f4-h5t2w", 51.6, "info", "generated 180 tokens",
        ["correlation_id": "demo-48211", "model": "llama-3-8b"]),
      line(
        "embeddings-6c9f4d8b7-x2k4p", 45, "info", "embedded 32 inputs",
        ["correlation_id": "demo-48214", "model": "bge-large"]),
      line(
        "rerank-5c7d9e8f1-t6y4u", namespace: "search", 40, "error",
        "RuntimeError: model weights failed to load: checksum mismatch in shard 3 of 8",
        ["correlation_id": "", "model": "bge-reranker", "exit_code": 1]),
      component(
        "controller", 40, "warn", "instance crash-looping",
        ["kind": "AICluster", "object": "search/rerank", "restarts": 6, "correlation_id": "rc-rerank-0042"]),
      line(
        "embeddings-6c9f4d8b7-q8m3n", 33, "info", "embedded 16 inputs",
        ["correlation_id": "demo-48229", "model": "bge-large"]),
      component(
        "gateway", 31, "warn", "rate limited",
        ["route": "chat", "status": 429, "limit": "requests", "correlation_id": "demo-48230"]),
      line(
        "chat-7b5d9c6f4-z9r6c", 26, "info", "generated 212 tokens",
        ["correlation_id": "demo-48233", "model": "llama-3-8b"]),
      component(
        "gateway", 20, "info", "request served",
        [
          "route": "summarize", "model": "mistral-7b", "status": 200, "duration_ms": 1280, "cache": "miss",
          "correlation_id": "demo-12911",
        ]),
      component(
        "controller", 12, "info", "reconciled",
        [
          "kind": "InferenceService", "object": "demo/chat", "result": "Success", "duration_ms": 9,
          "correlation_id": "chg-5e2a91",
        ]),
      line(
        "embeddings-6c9f4d8b7-x2k4p", 9, "warn", "batch queue above 80% of its capacity",
        ["correlation_id": "", "model": "bge-large", "queued": 52]),
      component(
        "gateway", 5, "info", "request served",
        [
          "route": "summarize", "model": "mistral-7b", "status": 200, "duration_ms": 3, "cache": "hit",
          "correlation_id": "demo-12915",
        ]),
    ]
  }
}
