import Foundation
import Testing

@testable import EmbeddedCluster

/// A created object's uid is a random (version 4) UUID in the lowercase 8-4-4-4-12 form Kubernetes
/// writes.
@Suite struct ObjectUIDTests {
  @Test func uidsAreLowercaseVersionFourUUIDs() throws {
    var seen = Set<String>()
    for _ in 0..<1000 {
      let uid = ObjectLifecycle.newUID()
      let parsed = try #require(UUID(uuidString: uid), "\(uid)")
      #expect(parsed.uuidString.lowercased() == uid)
      #expect(Array(uid.utf8)[14] == UInt8(ascii: "4"), "version 4: \(uid)")
      #expect(Array("89ab".utf8).contains(Array(uid.utf8)[19]), "RFC 9562 variant: \(uid)")
      seen.insert(uid)
    }
    #expect(seen.count == 1000)
  }
}
