import KubeCore
import Testing

@testable import ConsoleApp

@Suite("Identity order") struct IdentityOrderTests {
  @Test("the byte order the list sorts new rows by is ObjectIdentity's own")
  func matchesComparable() {
    let kinds = [("AICluster", "ai.aiconsole.dev"), ("Pod", ""), ("AIModelRoute", "ai.aiconsole.dev"), ("AI", "x")]
    let names = ["a", "a-1", "a1", "b", "aa", "A", "z", "m-10", "m-9"]
    var ids: [ObjectIdentity] = []
    for (kind, group) in kinds {
      for namespace in ["", "demo", "demo-2", "de"] {
        for name in names { ids.append(ObjectIdentity(group: group, kind: kind, namespace: namespace, name: name)) }
      }
    }
    var generator = SystemRandomNumberGenerator()
    let shuffled = ids.shuffled(using: &generator)
    let ordered = ConsoleReducer.identityOrder(shuffled).map { shuffled[$0] }
    #expect(ordered == shuffled.sorted())
    #expect(ConsoleReducer.identityOrder([]).isEmpty)
  }
}
