import Testing

@testable import ClusterClient

@Suite("PrometheusQueryResult: answers of the query API")
struct PrometheusQueryResultTests {
  @Test("reads a vector with labels in order and NaN values")
  func vector() throws {
    let result = try decode(
      #"{"status":"success","data":{"resultType":"vector","result":["#
        + #"{"metric":{"__name__":"up","job":"vllm","instance":"10.0.0.1:8000"},"value":[1712345678.123,"1"]},"#
        + #"{"metric":{"job":"x"},"value":[1712345678.123,"NaN"]}]}}"#)
    #expect(result.vector.count == 2)
    #expect(result.vector[0].labels.map(\.name) == ["__name__", "job", "instance"])
    #expect(result.vector[0].point == MetricPoint(timestampMilliseconds: 1_712_345_678_123, value: 1))
    #expect(result.vector[1].point.value.isNaN)
  }

  @Test("reads a matrix, a scalar and a string")
  func otherTypes() throws {
    let matrix = try decode(
      #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"gpu":"0"},"#
        + #""values":[[1712345670,"+Inf"],[1712345680.5,"-2.5e3"]]}]}}"#)
    #expect(
      matrix.matrix.first?.points == [
        MetricPoint(timestampMilliseconds: 1_712_345_670_000, value: .infinity),
        MetricPoint(timestampMilliseconds: 1_712_345_680_500, value: -2500),
      ])
    #expect(
      try decode(#"{"status":"success","data":{"resultType":"scalar","result":[1712345670,"42"]}}"#)
        == .scalar(MetricPoint(timestampMilliseconds: 1_712_345_670_000, value: 42)))
    #expect(
      try decode(#"{"status":"success","data":{"resultType":"string","result":[1.5,"hello"]}}"#)
        == .string(timestampMilliseconds: 1_500, value: "hello"))
  }

  @Test("turns Prometheus' error JSON into a typed error")
  func errorJSON() {
    #expect(throws: PrometheusAPIError.query(errorType: "bad_data", message: "parse error", httpStatus: 400)) {
      try decode(#"{"status":"error","errorType":"bad_data","error":"parse error"}"#, status: 400)
    }
    #expect(throws: PrometheusAPIError.httpStatus(502, body: "<html>bad gateway</html>")) {
      try decode("<html>bad gateway</html>", status: 502)
    }
    #expect(throws: PrometheusAPIError.malformedResponse("unknown resultType nope")) {
      try decode(#"{"status":"success","data":{"resultType":"nope","result":[]}}"#)
    }
  }

  /// The answer as the client reads it; the HTTP path itself is tested against a real Prometheus.
  func decode(_ body: String, status: Int = 200) throws -> PrometheusQueryResult {
    try PrometheusQueryResult.decode(status: status, body: Array(body.utf8))
  }
}
