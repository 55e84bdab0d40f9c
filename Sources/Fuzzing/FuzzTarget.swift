import ClusterClient
import Foundation
import KubeCore

/// The parsers that read what others wrote — API bodies, patches, selectors, kubeconfigs,
/// exposition text, log lines — each a function from bytes that may refuse but must not crash,
/// hang or exhaust the stack.
enum FuzzTarget: String, CaseIterable {
  case json, yaml, jsonpatch, selectors, prometheus, logline, kubeconfig

  /// A document the patches apply to.
  static let document: JSONValue = [
    "metadata": ["name": "chat", "labels": ["app": "chat"]],
    "spec": ["replicas": 2, "backends": [["service": "a", "weight": 80], ["service": "b"]]],
  ]

  func run(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    switch self {
    case .json: _ = try? JSONParser.parse(bytes)
    case .yaml: _ = try? JSONValue.parseYAMLDocuments(text)
    case .jsonpatch:
      guard let patch = try? JSONParser.parse(bytes) else { return }
      _ = try? JSONPatch.apply(patch, to: Self.document)
      _ = MergePatch.apply(patch, to: Self.document)
    case .selectors:
      _ = try? LabelSelector(parsing: text)
      _ = try? FieldSelector(parsing: text, supportedFields: ["metadata.name", "metadata.namespace", "spec.nodeName"])
    case .prometheus: _ = try? PrometheusTextParser.parse(bytes)
    case .logline:
      var splitter = LogLineSplitter(maximumLineBytes: 4096)
      let filter = try? LogFilter.parse(text)
      for line in splitter.split(bytes) + [splitter.finish()].compactMap({ $0 }) {
        let record = LogRecord(line: line, source: LogSource(namespace: "fuzz", pod: "fuzz"), timestamped: true)
        _ = filter?.matches(record)
      }
    case .kubeconfig: _ = try? Kubeconfig(parsing: Data(bytes), path: "/fuzz/kubeconfig")
    }
  }

  /// The target `AICONSOLE_FUZZ_TARGET` names.
  static var selected: FuzzTarget {
    let name = ProcessInfo.processInfo.environment["AICONSOLE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let names = allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(Data("set AICONSOLE_FUZZ_TARGET to one of: \(names)\n".utf8))
      exit(2)
    }
    return target
  }
}

/// One input, as libFuzzer hands it over.
private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  FuzzTarget.selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
  return 0
}

#if FUZZING
  /// The name libFuzzer's runtime knows the target by.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { fuzzOne(data, size) }

  /// libFuzzer's driver, called from our own entry point: SwiftPM names the executable's entry
  /// point itself, so libFuzzer's `main` cannot be the program's.
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  @main enum FuzzDriver {
    static func main() {
      _ = FuzzTarget.selected
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
    }
  }
#else
  /// Without libFuzzer: runs the target over each file named, e.g. a crash libFuzzer saved.
  @main enum FuzzReplay {
    static func main() throws {
      let target = FuzzTarget.selected
      for path in CommandLine.arguments.dropFirst() {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        _ = bytes.withUnsafeBufferPointer { fuzzOne($0.baseAddress, $0.count) }
        print("\(target.rawValue): \(path) ok")
      }
    }
  }
#endif
