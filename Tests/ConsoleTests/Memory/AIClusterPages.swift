import Foundation
import KubeCore

/// AIClusters as the embedded server lists them for the scaling benchmark (its generator's spec,
/// the server's metadata and managedFields), in list pages of JSON text, and decoded as the
/// console's informers decode them: each page parsed, each item without managedFields.
enum AIClusterPages {
  /// One server-written AICluster, `index` of the benchmark's set.
  static func item(_ index: Int) -> String {
    let namespace = "bench-scale-\(index % 4)"
    let uid = String(format: "%08x-365c-4c70-8e15-%012x", index * 2_654_435_761 % 0xFFFF_FFFF, index)
    let created = Timestamps.format(Date(timeIntervalSince1970: 1_790_000_000 + Double(index / 500)))
    let fields =
      #"{"f:metadata":{"f:annotations":{}},"f:spec":{".":{},"f:image":{},"f:modelName":{},"f:modelVersion":{},"#
      + #""f:paused":{},"f:replicas":{},"f:revisionHistoryLimit":{}}}"#
    return #"{"apiVersion":"ai.aiconsole.dev/v1","kind":"AICluster","metadata":{"annotations":{},"name":"s\#(index)","#
      + #""namespace":"\#(namespace)","uid":"\#(uid)","creationTimestamp":"\#(created)","generation":1,"#
      + #""managedFields":[{"apiVersion":"ai.aiconsole.dev/v1","fieldsType":"FieldsV1","fieldsV1":\#(fields),"#
      + #""manager":"aiconsole-bench","operation":"Update","time":"\#(created)"}],"resourceVersion":"\#(index + 16)"},"#
      + #""spec":{"image":"vllm/vllm-openai:v0.6.0","modelName":"llama-3-8b","modelVersion":"v1","replicas":2,"#
      + #""revisionHistoryLimit":10,"paused":false}}"#
  }

  /// The list page holding items `range`.
  static func page(_ range: Range<Int>) -> [UInt8] {
    let items = range.map(item).joined(separator: ",")
    let text =
      #"{"apiVersion":"ai.aiconsole.dev/v1","kind":"AIClusterList","metadata":{"resourceVersion":"9","#
      + #""continue":"token-\#(range.upperBound)"},"items":[\#(items)]}"#
    return Array(text.utf8)
  }

  /// Items `0..<count` in pages of 500, decoded and without managedFields.
  static func decoded(_ count: Int, pages: [[UInt8]]) -> [JSONValue] {
    var objects: [JSONValue] = []
    objects.reserveCapacity(count)
    for page in pages {
      let list = try! JSONParser.parse(page)
      for var item in list["items"]?.arrayValue ?? [] {
        item["metadata"]?["managedFields"] = nil
        objects.append(item)
      }
    }
    return objects
  }

  /// The pages of items `0..<count`.
  static func pages(_ count: Int) -> [[UInt8]] {
    stride(from: 0, to: count, by: 500).map { page($0..<min($0 + 500, count)) }
  }
}
