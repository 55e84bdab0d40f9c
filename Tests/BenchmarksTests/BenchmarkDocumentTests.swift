import Testing

@testable import Benchmarks

/// docs/benchmarks.md keeps its hand-written analysis when a run puts its tables in.
@Suite struct BenchmarkDocumentTests {
  let gateway = BenchmarkDocument.Block(area: "AI gateway (proxying, wrk on loopback)", text: "| new gateway |\n")
  let console = BenchmarkDocument.Block(area: "Console (release aiconsole in tmux)", text: "| new console |\n")

  @Test func keysAreTheHeadingsWordsBeforeTheParenthesis() {
    #expect(BenchmarkDocument.Block.key(of: "Control plane (aiconsole serve, HTTPS on loopback)") == "control-plane")
    #expect(BenchmarkDocument.Block.key(of: "Console kinds (release aiconsole)") == "console-kinds")
    #expect(BenchmarkDocument.Block.key(of: "Scaling: API server list (every AICluster)") == "scaling-api-server-list")
    #expect(BenchmarkDocument.Block.key(of: "ClusterClient") == "clusterclient")
  }

  @Test func aRunReplacesItsOwnBlockAndKeepsTheProseAndOtherBlocks() {
    let existing = """
      # Benchmarks

      ## AI gateway (proxying, wrk on loopback)

      Why the gateway is slower, by hand.

      <!-- bench:ai-gateway begin -->
      | old gateway |
      <!-- bench:ai-gateway end -->

      ### Where the time goes

      The kernel, by hand.

      ## Console (release aiconsole in tmux)

      <!-- bench:console begin -->
      | old console |
      <!-- bench:console end -->

      """
    let merged = BenchmarkDocument.merge([gateway], into: existing, heading: "# unused\n")
    #expect(merged.contains("| new gateway |") && !merged.contains("| old gateway |"))
    #expect(merged.contains("Why the gateway is slower, by hand."))
    #expect(merged.contains("### Where the time goes\n\nThe kernel, by hand."))
    #expect(merged.contains("| old console |"), "another area's table was dropped")
    #expect(!merged.contains("# unused"))
    #expect(merged.components(separatedBy: "<!-- bench:ai-gateway begin -->").count == 2)
  }

  @Test func anAreaWithoutABlockIsAddedAtTheEndUnderItsHeading() {
    let merged = BenchmarkDocument.merge([gateway], into: "# Benchmarks\n\nProse.", heading: "# unused\n")
    #expect(
      merged
        == "# Benchmarks\n\nProse.\n\n## AI gateway (proxying, wrk on loopback)\n\n"
        + "<!-- bench:ai-gateway begin -->\n| new gateway |\n<!-- bench:ai-gateway end -->\n")
  }

  @Test func aMissingFileStartsFromTheHeadingWithEveryBlock() {
    let merged = BenchmarkDocument.merge([gateway, console], into: nil, heading: "# Benchmarks\n")
    #expect(merged.hasPrefix("# Benchmarks\n\n## AI gateway"))
    #expect(merged.contains("## Console (release aiconsole in tmux)\n\n<!-- bench:console begin -->\n| new console |"))
  }

  @Test func anEndMarkerBeforeItsBeginIsNotABlock() {
    let existing = "<!-- bench:console end -->\ntext\n<!-- bench:console begin -->\n"
    let merged = BenchmarkDocument.merge([console], into: existing, heading: "")
    #expect(merged.hasPrefix(existing), "text outside a well-formed block was changed")
    #expect(merged.hasSuffix("<!-- bench:console begin -->\n| new console |\n<!-- bench:console end -->\n"))
  }
}
