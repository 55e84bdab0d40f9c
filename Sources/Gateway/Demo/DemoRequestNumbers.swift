/// The numbers in demo request IDs (`demo-<number>`), unique across restarts of one state
/// directory, so that `logs --correlation-id demo-52` finds one request. Numbers are handed out
/// in blocks, and the end of each block is saved (through `reserve`) before its first number is
/// used: a start after a clean stop or a crash continues past every number the last one may
/// have sent, and the file is written once a block, not once a request.
public struct DemoRequestNumbers: Sendable {
  /// How many numbers one saved reservation covers.
  public static let blockSize = 1000

  private var next: Int
  private var reservedThrough: Int
  private let blockSize: Int
  private let reserve: @Sendable (Int) -> Void

  /// Numbers from 1 that are kept nowhere: for a demo without a state directory, and tests.
  public init() {
    self.init(after: 0, blockSize: .max / 2) { _ in }
  }

  /// Numbers after `last`, the reservation a previous start saved; `reserve` saves each new one.
  public init(after last: Int, blockSize: Int = Self.blockSize, reserve: @escaping @Sendable (Int) -> Void) {
    next = last + 1
    reservedThrough = last
    self.blockSize = blockSize
    self.reserve = reserve
  }

  /// The next number, reserving a new block first when the current one is used up.
  public mutating func take() -> Int {
    if next > reservedThrough {
      reservedThrough = next + blockSize - 1
      reserve(reservedThrough)
    }
    defer { next += 1 }
    return next
  }
}
