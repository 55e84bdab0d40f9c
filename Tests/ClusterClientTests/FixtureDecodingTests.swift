import KubeCore
import Testing

@Suite struct FixtureSanityTests {
  @Test func fixturesAreCarriedByTheRepository() throws {
    let list = try JSONParser.parse(try Fixture.bytes("list-aiclusters.json"))
    #expect(list["kind"]?.stringValue == "AIClusterList")
  }
}
