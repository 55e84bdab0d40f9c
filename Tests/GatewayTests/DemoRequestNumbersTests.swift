import Synchronization
import Testing

@testable import Gateway

/// Demo request numbers continue across restarts: each start reserves blocks after the last
/// reservation saved, so `demo-<number>` never names two requests.
@Suite struct DemoRequestNumbersTests {
  @Test("a restart continues after the last saved reservation, even one cut short by a crash")
  func continuesAfterRestart() {
    let saved = Mutex<[Int]>([])
    var first = DemoRequestNumbers(after: 0, blockSize: 3) { end in saved.withLock { $0.append(end) } }
    #expect((0..<4).map { _ in first.take() } == [1, 2, 3, 4])
    #expect(saved.withLock { $0 } == [3, 6])
    // The first start stopped at 4 without a word; the next one starts past its whole block.
    var second = DemoRequestNumbers(after: saved.withLock { $0.last ?? 0 }, blockSize: 3) { end in
      saved.withLock { $0.append(end) }
    }
    #expect((0..<2).map { _ in second.take() } == [7, 8])
    #expect(saved.withLock { $0 } == [3, 6, 9])
  }

  @Test("saves once a block, not once a request")
  func savesOncePerBlock() {
    let saves = Mutex(0)
    var numbers = DemoRequestNumbers(after: 41) { _ in saves.withLock { $0 += 1 } }
    for _ in 0..<DemoRequestNumbers.blockSize { _ = numbers.take() }
    #expect(saves.withLock { $0 } == 1)
    #expect(numbers.take() == 42 + DemoRequestNumbers.blockSize)
    #expect(saves.withLock { $0 } == 2)
  }

  @Test("without a state directory numbers start at 1 and nothing is saved")
  func unsaved() {
    var numbers = DemoRequestNumbers()
    #expect((0..<3).map { _ in numbers.take() } == [1, 2, 3])
  }
}
