/// The last `capacity` elements appended, oldest first: a fixed-size ring, so a chatty source
/// costs the same memory after an hour as after a minute.
public struct LogRing<Element> {
  /// How many elements the ring holds at most.
  public let capacity: Int
  private var storage: [Element] = []
  /// Where the oldest element is once the ring is full.
  private var head = 0
  /// How many elements were pushed out by newer ones.
  public private(set) var droppedCount = 0

  /// An empty ring of at least one element.
  public init(capacity: Int) {
    self.capacity = max(1, capacity)
    storage.reserveCapacity(min(self.capacity, 1024))
  }

  /// Adds `element`, pushing out the oldest when full.
  public mutating func append(_ element: Element) {
    guard storage.count == capacity else {
      storage.append(element)
      return
    }
    storage[head] = element
    head = (head + 1) % capacity
    droppedCount += 1
  }

  /// Adds each element in order.
  public mutating func append(contentsOf elements: some Sequence<Element>) {
    for element in elements { append(element) }
  }

  /// The elements, oldest first.
  public var elements: [Element] { Array(storage[head...] + storage[..<head]) }

  /// How many elements the ring holds now.
  public var count: Int { storage.count }

  /// Whether nothing was appended yet.
  public var isEmpty: Bool { storage.isEmpty }

  /// The newest element.
  public var last: Element? { storage.isEmpty ? nil : storage[(head + storage.count - 1) % storage.count] }
}

extension LogRing: Sendable where Element: Sendable {}
