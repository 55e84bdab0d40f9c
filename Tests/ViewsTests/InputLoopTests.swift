import Foundation
import Testing

@testable import Views

#if canImport(Glibc)
  import Glibc
#endif

@Suite("InputLoop")
struct InputLoopTests {
  @Test("decodes input from its descriptor and wakes on request from another thread")
  func inputAndWake() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    defer {
      close(fds[0])
      close(fds[1])
    }
    let loop = try InputLoop(inputFD: fds[0])
    #expect(loop.next(timeoutMs: 0).isEmpty)
    let bytes = Array("j\u{1b}[B".utf8)
    #expect(write(fds[1], bytes, bytes.count) == bytes.count)
    #expect(loop.next(timeoutMs: 1000) == [.key(.char("j")), .key(KeyEvent(.down))])
    let waker = loop.waker
    let thread = Thread { waker.wake() }
    thread.start()
    #expect(loop.next(timeoutMs: 2000) == [.wake])
  }

  @Test("a lone Esc is delivered after the short escape delay")
  func escape() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    defer {
      close(fds[0])
      close(fds[1])
    }
    let loop = try InputLoop(inputFD: fds[0])
    var esc: UInt8 = 0x1b
    #expect(write(fds[1], &esc, 1) == 1)
    #expect(loop.next(timeoutMs: 1000).isEmpty)
    #expect(loop.next(timeoutMs: 1000) == [.key(KeyEvent(.escape))])
  }
}
