import ClusterClient
import ClusterTestSupport
import KubeCore
import Testing

@testable import ConsoleApp

/// What the console holds per AICluster, measured with glibc's allocator counters, bounded so
/// that a change giving back what was won fails here rather than only in the 100,000-object
/// benchmark. The bounds sit between what was measured before the parser shared keys, values and
/// shapes and the owner index held its entries inline (about 1,610 and 785 bytes), and what they
/// cost after (about 760-880 and 250).
@Suite("ConsoleMemory", .serialized, .enabled(if: HeapUsage.bytesInUse() != nil))
struct ConsoleMemoryTests {
  typealias F = ConsoleFixtures
  static let count = 10_000

  @Test("an AICluster decoded from a list page, without managedFields, costs under 1,250 bytes")
  func decodedTree() throws {
    let pages = AIClusterPages.pages(Self.count)
    let perObject = try #require(
      HeapUsage.bytesPerElement(count: Self.count) { AIClusterPages.decoded(Self.count, pages: pages) })
    #expect(perObject < 1_250, "\(perObject) bytes per decoded AICluster")
  }

  @Test("the owner index files an AICluster in under 450 bytes")
  func ownerIndex() throws {
    let objects = AIClusterPages.decoded(Self.count, pages: AIClusterPages.pages(Self.count))
    let perObject = try #require(
      HeapUsage.bytesPerElement(count: Self.count) { () -> OwnerIndex in
        var index = OwnerIndex()
        for object in objects { index.put(.ai(F.aiCluster), object) }
        return index
      })
    #expect(perObject < 450, "\(perObject) bytes per indexed AICluster")
  }
}
