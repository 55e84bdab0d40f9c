import ClusterClient
import Testing
import Views

@testable import ConsoleApp

@Suite("MetricsPane: what an operator reads")
struct MetricsPaneTests {
  /// A gateway serving llama through one route, a vLLM pod serving qwen with no gateway in
  /// front, and three GPUs on two nodes, one of them hot; scraped twice, a second apart.
  static func board() throws -> MetricsBoard {
    var board = MetricsBoard(sources: [MetricsFixtures.source])
    let buckets = { (n: Double) in [("0.1", 0.0), ("0.5", n * 0.9), ("1.0", n), ("+Inf", n)] }
    for (second, n) in [(0.0, 0.0), (1.0, 20.0)] {
      try board.scrape(
        MetricsFixtures.gateway(
          inputTokens: 1500 * n, outputTokens: 300 * n, requests: n, errors: n / 10, rateLimited: n / 20,
          cacheHits: n / 4, durationBuckets: buckets(n))
          + MetricsFixtures.vllm(model: "qwen", pod: "qwen-0", promptTokens: 40 * n, generationTokens: 10 * n)
          + MetricsFixtures.dcgm(
            node: "node-a", gpu: 0, utilisation: 91, usedMiB: 76_000, freeMiB: 5_920, temperature: 88, namespace: "ml",
            pod: "llama-0")
          + MetricsFixtures.dcgm(
            node: "node-a", gpu: 1, utilisation: 12, usedMiB: 1_024, freeMiB: 80_896, power: "9223372036854775794")
          + MetricsFixtures.dcgm(node: "node-b", gpu: 0, utilisation: 75, namespace: "ml", pod: "qwen-0"),
        atSecond: second)
    }
    return board
  }

  /// The pane drawn at `width` x `height` with the plain theme, trailing blanks removed.
  static func render(
    _ board: MetricsBoard, _ width: Int, _ height: Int, highlight: MetricsHighlight = .none
  ) -> [String] {
    screen(width, height) { buffer, area in
      MetricsPane().render(into: &buffer, area: area, board: board, highlight: highlight, theme: .plain)
    }.map { String($0.reversed().drop { $0 == " " }.reversed()) }
  }

  @Test("shows routes, models with rates and latencies, and GPUs grouped by node")
  func wholePane() throws {
    let lines = Self.render(try Self.board(), 100, 12)
    #expect(
      lines == [
        "metrics http://127.0.0.1:9400/metrics · genai vllm dcgm",
        "  ROUTE       REQ/s                          ERR/s                          429/s  CACHE MODELS",
        "  chat-route     20                       █      3                       █      1    25% llama-3-8b",
        "  MODEL        IN/s          OUT/s          REQ/s  ERR/s  429/s    P50    P95    P99           TTFT",
        "  llama-3-8b    30k       █     6k       █     20      3      1  322ms  750ms  950ms       █      –",
        "  qwen          800       █    200       █      –      –      –      –      –      –              –",
        "  node-a · 2 GPUs · util 52% · NVIDIA H100 80GB HBM3",
        "   0 util █████████▏ 91%  mem █████████▎ 93%  74.2/80.0G  351W  88°C  ml/llama-0",
        "   1 util █▎········ 12%  mem ▏·········· 1%   1.0/80.0G   N/A  60°C  free",
        "  node-b · 1 GPU · util 75% · NVIDIA H100 80GB HBM3",
        "   0 util ███████▌·· 75%  mem █████····· 50%  40.0/80.0G  351W  60°C  ml/qwen-0",
        "",
      ])
  }

  @Test("a narrow, short pane drops sparklines and the later columns and says how many rows it left out")
  func narrowPane() throws {
    let lines = Self.render(try Self.board(), 60, 8)
    #expect(
      lines == [
        "metrics http://127.0.0.1:9400/metrics · genai vllm dcgm",
        "  ROUTE       REQ/s           ERR/s  429/s  CACHE MODELS",
        "  chat-route     20        █      3      1    25% llama-3-8b",
        "  MODEL        IN/s  OUT/s  REQ/s  ERR/s    P50   TTFT",
        "  llama-3-8b    30k     6k     20      3  322ms      –",
        "  qwen          800    200      –      –      –      –",
        "  node-a · 2 GPUs · util 52% · NVIDIA H100 80GB HBM3",
        "  … 4 more",
      ])
  }

  @Test("the selection's model, node and GPU come first, marked")
  func highlight() throws {
    let lines = Self.render(
      try Self.board(), 100, 12, highlight: MetricsHighlight(models: ["qwen"], pods: ["ml/qwen-0"]))
    #expect(lines[4].hasPrefix("▸ qwen          800"))
    #expect(lines[5].hasPrefix("  llama-3-8b"))
    #expect(lines[6] == "▸ node-b · 1 GPU · util 75% · NVIDIA H100 80GB HBM3")
    #expect(lines[7].hasPrefix("▸  0 util ███████▌·· 75%"))
    #expect(lines[8].hasPrefix("  node-a"))
  }

  @Test("only the GPUs the selection's pods hold are marked, not every GPU of their node")
  func highlightMarksHeldGPUsOnly() throws {
    let lines = Self.render(
      try Self.board(), 100, 12,
      highlight: MetricsHighlight(models: ["llama-3-8b"], pods: ["ml/llama-0"], nodes: ["node-a"]))
    #expect(lines[6] == "▸ node-a · 2 GPUs · util 52% · NVIDIA H100 80GB HBM3")
    #expect(lines[7].hasPrefix("▸  0 util █████████▏ 91%") && lines[7].hasSuffix("ml/llama-0"))
    #expect(lines[8].hasPrefix("   1 util █▎········ 12%") && lines[8].hasSuffix("free"))
    #expect(lines[9].hasPrefix("  node-b"))
  }

  @Test("a hot GPU's utilisation, memory and temperature are drawn in the high gauge style")
  func hotGPUStyle() throws {
    let board = try Self.board()
    var buffer = ScreenBuffer(width: 100, height: 12)
    MetricsPane().render(into: &buffer, area: buffer.area, board: board, highlight: .none, theme: .default)
    let row = 7
    let text = buffer.line(row)
    func style(of needle: String) -> Style? {
      guard let range = text.range(of: needle) else { return nil }
      return buffer[x: text[..<range.lowerBound].count, y: row].style
    }
    #expect(style(of: "91%") == Theme.default[.gaugeHigh])
    #expect(style(of: "93%") == Theme.default[.gaugeHigh])
    #expect(style(of: "88°C") == Theme.default[.gaugeHigh])
    #expect(style(of: "█") == Theme.default[.gaugeHigh])
    let cool = buffer.line(8)
    let twelve = try #require(cool.range(of: "12%"))
    #expect(buffer[x: cool[..<twelve.lowerBound].count, y: 8].style == Theme.default[.gaugeLow])
  }

  @Test("before any answer it says whom it waits for, or why the source failed")
  func waitingAndErrors() {
    var board = MetricsBoard(sources: [MetricsFixtures.source])
    #expect(Self.render(board, 60, 3) == ["waiting for metrics from http://127.0.0.1:9400/metrics", "", ""])
    board.ingest(
      MetricsUpdate(
        source: MetricsFixtures.source, timestampMilliseconds: 1_000, payload: .failed("scrape failed: HTTP 503")))
    #expect(Self.render(board, 80, 1) == ["no metrics from http://127.0.0.1:9400/metrics: scrape failed: HTTP 503"])
  }

  @Test("numbers kept after a source stops answering are marked stale with the reason")
  func stale() throws {
    var board = try Self.board()
    board.ingest(
      MetricsUpdate(
        source: MetricsFixtures.source, timestampMilliseconds: 1_700_000_013_000,
        payload: .failed("scrape failed: HTTP 503")))
    let lines = Self.render(board, 120, 12)
    #expect(
      lines[0] == "metrics http://127.0.0.1:9400/metrics · genai vllm dcgm · stale 12s · scrape failed: HTTP 503")
    #expect(lines[4].hasPrefix("  llama-3-8b    30k"))
  }

  @Test("any area, however small, draws without crashing and stays inside it")
  func tinyAreas() throws {
    let board = try Self.board()
    for width in 0...14 {
      for height in 0...4 {
        var buffer = ScreenBuffer(width: 20, height: 6)
        MetricsPane().render(
          into: &buffer, area: Rect(x: 1, y: 1, width: width, height: height), board: board, highlight: .none,
          theme: .plain)
        let area = Rect(x: 1, y: 1, width: width, height: height)
        var drawnOutside = 0
        for y in 0..<6 {
          for x in 0..<20 where area.intersection(Rect(x: x, y: y, width: 1, height: 1)).isEmpty {
            if buffer[x: x, y: y].symbol != " " { drawnOutside += 1 }
          }
        }
        #expect(drawnOutside == 0, "\(width)x\(height)")
      }
    }
  }
}
