import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp
@testable import Fuzzing

/// Every file of `Tests/Corpus/<area>/` is a bad input for that area's parser. Each must be
/// refused with an error that says what is wrong and where — the substrings listed for it in the
/// area's `EXPECTED` file (`file<TAB>substring && substring`) — and never crash or hang.
@Suite("bad-input corpus")
struct BadInputCorpusTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Corpus")

  /// What a parser said about one input: its error's text, or nil when it accepted the input.
  typealias Parser = @Sendable (URL, [UInt8]) -> String?

  static let parsers: [String: Parser] = [
    "kubeconfig": { url, _ in refusal { _ = try ClusterConfiguration.load(kubeconfig: url.path) } },
    "yaml": { _, bytes in refusal { _ = try JSONValue.parseYAML(String(decoding: bytes, as: UTF8.self)) } },
    "json": { _, bytes in refusal { _ = try JSONParser.parse(bytes) } },
    "jsonpatch": { _, bytes in
      refusal {
        let target: JSONValue = ["spec": ["replicas": 2, "modelName": "llama"]]
        _ = try JSONPatch.apply(try JSONParser.parse(bytes), to: target)
      }
    },
    "selectors": { _, bytes in refusal { _ = try LabelSelector(parsing: String(decoding: bytes, as: UTF8.self)) } },
    "prometheus": { _, bytes in refusal { _ = try PrometheusTextParser.parse(bytes) } },
    "themes": { url, bytes in
      refusal { _ = try ThemeParser.parse(String(decoding: bytes, as: UTF8.self), file: url.lastPathComponent) }
    },
    "logfilters": { _, bytes in refusal { _ = try LogFilter.parse(String(decoding: bytes, as: UTF8.self)) } },
  ]

  static func refusal(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// `file → substrings` of an area's EXPECTED file.
  static func expectations(_ area: String) throws -> [String: [String]] {
    let text = try String(
      contentsOf: corpus.appendingPathComponent(area).appendingPathComponent("EXPECTED"), encoding: .utf8)
    var result: [String: [String]] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      result[parts[0]] = parts[1].components(separatedBy: " && ")
    }
    return result
  }

  @Test("each bad input is refused with an error naming what and where", arguments: parsers.keys.sorted())
  func refused(area: String) throws {
    let parse = try #require(Self.parsers[area])
    let expected = try Self.expectations(area)
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.appendingPathComponent(area).path)
      .filter { $0 != "EXPECTED" }.sorted()
    #expect(!files.isEmpty, "no inputs for \(area)")
    #expect(Set(files) == Set(expected.keys), "inputs and expectations differ in \(area)")
    for file in files {
      let url = Self.corpus.appendingPathComponent(area).appendingPathComponent(file)
      let message = parse(url, Array(try Data(contentsOf: url)))
      guard let message else {
        Issue.record("\(area)/\(file) was accepted")
        continue
      }
      for part in expected[file] ?? [] {
        #expect(message.contains(part), "\(area)/\(file): \"\(message)\" does not say \"\(part)\"")
      }
    }
  }

  @Test("inputs too big to keep as files: deep nesting, megabyte and non-UTF-8 log lines")
  func generated() throws {
    let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    #expect(Self.refusal { _ = try JSONParser.parse(deep) }?.contains("nesting deeper than 512 levels") == true)
    #expect(throws: YAMLSyntaxError.self) { try JSONValue.parseYAML(String(repeating: "[", count: 100_000)) }

    // A 3 MiB line arrives in pieces and leaves as one line cut at the limit, with the cut said.
    var splitter = LogLineSplitter(maximumLineBytes: 1 << 20)
    var lines: [String] = []
    let huge = Array(repeating: UInt8(ascii: "x"), count: 3 << 20) + [UInt8(ascii: "\n")]
    for start in stride(from: 0, to: huge.count, by: 64 * 1024) {
      lines += splitter.split(huge[start..<min(huge.count, start + 64 * 1024)])
    }
    #expect(lines.count == 1)
    #expect(lines.first?.utf8.count ?? 0 < (1 << 20) + 100)
    #expect(lines.first?.hasSuffix("[truncated \(2 << 20) bytes]") == true)

    // Bytes that are not UTF-8 become replacement characters; the line around them survives.
    var mixed = LogLineSplitter()
    let bad = mixed.split(Array("level=info msg=\"ok ".utf8) + [0xFF, 0xFE, 0xC3] + Array(" done\"\n".utf8))
    #expect(bad.count == 1)
    #expect(bad.first?.hasPrefix("level=info msg=\"ok ") == true)
    #expect(bad.first?.hasSuffix(" done\"") == true)
    let record = LogRecord(line: bad.first ?? "", source: LogSource(namespace: "ns", pod: "p"), timestamped: false)
    #expect(LogEntry(record, source: nil).text.contains("done"))
  }

  @Test("every input the fuzzer crashed on is kept and now parses or is refused")
  func fuzzCrashesStayFixed() throws {
    let root = Self.corpus.appendingPathComponent("fuzz")
    var replayed = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
      let target = try #require(FuzzTarget(rawValue: name), "Tests/Corpus/fuzz/\(name) names no fuzz target")
      let directory = root.appendingPathComponent(name)
      for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
        target.run(Array(try Data(contentsOf: directory.appendingPathComponent(file))))
        replayed += 1
      }
    }
    #expect(replayed > 0)
  }
}
