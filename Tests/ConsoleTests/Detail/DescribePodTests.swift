import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

@Suite("DescribePod")
struct DescribePodTests {
  @Test("dump")
  func dump() throws {
    try DescribeView.lines(DetailFixtures.crashLoopContext).joined(separator: "\n").write(
      toFile: "/tmp/dbg/describe.txt", atomically: true, encoding: .utf8)
  }
}
