import KubeCore

extension PrometheusQueryResult {
  /// Reads an API answer: `{"status":"success","data":{"resultType":…,"result":…}}`, or
  /// `{"status":"error","errorType":…,"error":…}` as a typed error whatever the HTTP status.
  static func decode(status: Int, body: [UInt8]) throws(PrometheusAPIError) -> PrometheusQueryResult {
    guard let json = try? JSONParser.parse(body), json["status"]?.stringValue != nil else {
      guard (200..<300).contains(status) else {
        throw .httpStatus(status, body: String(decoding: body.prefix(1024), as: UTF8.self))
      }
      throw .malformedResponse("the body is not the API's JSON")
    }
    if json["status"]?.stringValue == "error" {
      throw .query(
        errorType: json["errorType"]?.stringValue ?? "unknown", message: json["error"]?.stringValue ?? "",
        httpStatus: status)
    }
    guard let data = json["data"], let type = data["resultType"]?.stringValue, let result = data["result"] else {
      throw .malformedResponse("no data.resultType or data.result")
    }
    switch type {
    case "vector":
      return .vector(
        try elements(result).map { (item) throws(PrometheusAPIError) in
          PrometheusInstantSample(labels: try labels(item), point: try point(item["value"]))
        })
    case "matrix":
      return .matrix(
        try elements(result).map { (item) throws(PrometheusAPIError) in
          PrometheusSeries(labels: try labels(item), points: try elements(item["values"]).map(point))
        })
    case "scalar":
      return .scalar(try point(result))
    case "string":
      let pair = try elements(result)
      guard pair.count == 2, let text = pair[1].stringValue else { throw .malformedResponse("bad string result") }
      return .string(timestampMilliseconds: try milliseconds(pair[0]), value: text)
    default:
      throw .malformedResponse("unknown resultType \(type)")
    }
  }

  private static func elements(_ value: JSONValue?) throws(PrometheusAPIError) -> [JSONValue] {
    guard let array = value?.arrayValue else { throw .malformedResponse("expected an array") }
    return array
  }

  private static func labels(_ item: JSONValue) throws(PrometheusAPIError) -> [MetricLabel] {
    guard let metric = item["metric"]?.objectValue else { throw .malformedResponse("a series without metric") }
    var labels: [MetricLabel] = []
    for (name, value) in metric {
      guard let text = value.stringValue else { throw .malformedResponse("label \(name) is not a string") }
      labels.append(MetricLabel(name, text))
    }
    return labels
  }

  /// `[unixSeconds, "value"]`; values are strings so that NaN and the infinities survive JSON.
  private static func point(_ value: JSONValue?) throws(PrometheusAPIError) -> MetricPoint {
    let pair = try elements(value)
    guard pair.count == 2, var text = pair[1].stringValue else { throw .malformedResponse("bad point") }
    guard let number = text.withUTF8({ ExpositionNumber.double($0) }) else {
      throw .malformedResponse("bad sample value \(text)")
    }
    return MetricPoint(timestampMilliseconds: try milliseconds(pair[0]), value: number)
  }

  private static func milliseconds(_ value: JSONValue) throws(PrometheusAPIError) -> Int64 {
    guard let seconds = value.doubleValue, seconds.isFinite, abs(seconds) < 9e15 else {
      throw .malformedResponse("bad timestamp")
    }
    return Int64((seconds * 1000).rounded())
  }
}
