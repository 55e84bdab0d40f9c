import Testing

@testable import Gateway

@Suite("RequestRandom") struct RequestRandomTests {
  @Test func mintsVersion4UUIDsThatDoNotRepeat() {
    let random = RequestRandom(seed: 42)
    let ids = (0..<10_000).map { _ in random.uuid() }
    #expect(Set(ids).count == ids.count)
    for id in ids.prefix(100) {
      let groups = id.split(separator: "-").map(\.count)
      #expect(groups == [8, 4, 4, 4, 12], "\(id)")
      #expect(Array(id)[14] == "4", "version 4: \(id)")
      #expect("89ab".contains(Array(id)[19]), "RFC 4122 variant: \(id)")
      #expect(id == id.lowercased())
    }
  }

  @Test func drawsAreInRangeAndEvenlySpread() {
    let random = RequestRandom(seed: 7)
    var counts = [Int](repeating: 0, count: 10)
    for _ in 0..<100_000 { counts[random.below(10)] += 1 }
    #expect(counts.allSatisfy { (9_500...10_500).contains($0) }, "\(counts)")
  }
}
