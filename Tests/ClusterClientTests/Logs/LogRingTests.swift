import ClusterClient
import Testing

@Suite("LogRing")
struct LogRingTests {
  @Test("keeps the last N in order and counts what it pushed out", arguments: [1, 3, 5, 8])
  func keepsLast(capacity: Int) {
    var ring = LogRing<Int>(capacity: capacity)
    for value in 1...7 {
      ring.append(value)
      #expect(ring.elements == Array(max(1, value - capacity + 1)...value))
      #expect(ring.last == value)
    }
    #expect(ring.count == min(7, capacity))
    #expect(ring.droppedCount == max(0, 7 - capacity))
  }

  @Test("starts empty and holds at least one element")
  func edges() {
    var ring = LogRing<String>(capacity: 0)
    #expect(ring.isEmpty && ring.elements.isEmpty && ring.last == nil)
    #expect(ring.capacity == 1)
    ring.append(contentsOf: ["a", "b"])
    #expect(ring.elements == ["b"])
  }
}
