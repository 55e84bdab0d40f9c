import AIResources
import ClusterTestSupport
import KubeCore
import Testing

@testable import Gateway

/// What the demo sends: the proportions of each kind of request, and that each kind is what the
/// seeded routes accept or refuse.
@Suite struct DemoRequestMixTests {
  let mix = DemoRequestMix.standard

  func draw(_ count: Int, seed: UInt64 = 42) -> [DemoRequest] {
    var random = SeededRandom(seed: seed)
    return (1...count).map { mix.request(number: $0, using: &random) }
  }

  @Test func kindsEndpointsAndStreamsComeInTheirShares() {
    let requests = draw(10_000)
    for share in mix.shares {
      let seen = Double(requests.filter { $0.kind == share.kind }.count) / 100
      #expect(abs(seen - Double(share.weight)) <= 2, "\(share.kind): \(seen)%")
    }
    let completions = Double(requests.filter { $0.endpoint == .completion }.count) / 100
    #expect(abs(completions - 30) <= 2)
    let streams = Double(requests.filter(\.stream).count) / 100
    #expect(abs(streams - 25) <= 2)
  }

  @Test func everyRequestHasItsOwnID() {
    let requests = draw(500)
    #expect(Set(requests.map(\.requestID)).count == 500)
    #expect(requests.first?.headers.first { $0.0 == "x-request-id" }?.1 == "demo-1")
  }

  @Test func contextsAreValidOrInvalidAsIntendedUnderTheSeededSchema() {
    let validator = ContextValidator(schema: DemoObjects.schema.spec)
    for request in draw(2_000) {
      switch request.kind {
      case .validContext:
        #expect(validator.problems(in: request.context).isEmpty, "\(String(describing: request.context))")
      case .invalidContext:
        #expect(!validator.problems(in: request.context).isEmpty, "\(String(describing: request.context))")
      case .keyed, .keyless:
        #expect(request.context == nil)
      }
    }
  }

  @Test func keyedRequestsCarryTheSeededKeyAndGoToTheKeyedRoute() throws {
    let secret = try #require(DemoObjects.keySecret.body["stringData"]?.objectValue?.values.first?.stringValue)
    for request in draw(1_000) {
      let authorization = request.headers.first { $0.0 == "authorization" }?.1
      switch request.kind {
      case .keyed:
        #expect(authorization == "Bearer \(secret)" && request.model == DemoApplication.keyedModel)
      case .keyless:
        #expect(authorization == nil && request.model == DemoApplication.keyedModel)
      case .validContext, .invalidContext:
        #expect(authorization == nil && request.model == DemoApplication.contextModel)
      }
    }
  }

  @Test func halfTheSupportQuestionsRepeatSoTheCacheHits() {
    let served = draw(2_000).filter { $0.kind == .validContext }
    let keys = served.map { "\($0.endpoint.rawValue) \($0.prompt) \($0.maxTokens)" }
    var seen: Set<String> = []
    let repeats = keys.filter { !seen.insert($0).inserted }.count
    let share = Double(repeats) / Double(served.count) * 100
    // Half are word for word, drawn from 12 (question, endpoint) pairs: all but the first 12 repeat.
    #expect(abs(share - 50) <= 5, "\(share)% repeats")
  }

  @Test func theGatewayReadsTheBodiesAsSent() throws {
    for request in draw(200) {
      let read = try OpenAIRequest(
        endpoint: request.endpoint, body: request.body.serialized(), requestID: request.requestID)
      #expect(read.inference.model == request.model)
      #expect(read.inference.prompt == request.prompt)
      #expect(read.inference.maxTokens == request.maxTokens)
      #expect(read.inference.stream == request.stream)
      #expect(read.context == request.context)
    }
  }
}
