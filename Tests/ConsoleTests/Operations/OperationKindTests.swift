import Testing

@testable import ConsoleApp

@Suite("OperationKind")
struct OperationKindTests {
  @Test(
    "reads KIND/NAME in every spelling kubectl accepts",
    arguments: [
      ("aic/llama", OperationKind.aiCluster), ("aicluster/llama", .aiCluster), ("AICluster/llama", .aiCluster),
      ("aiclusters/llama", .aiCluster), ("aiclusters.ai.aiconsole.dev/llama", .aiCluster),
      ("infsvc/llama", .inferenceService), ("inferenceservice/llama", .inferenceService),
      ("InferenceServices/llama", .inferenceService),
    ])
  func spellings(text: String, kind: OperationKind) throws {
    let (parsed, name) = try OperationKind.parseTarget(text, allowed: [.aiCluster, .inferenceService])
    #expect(parsed == kind)
    #expect(name == "llama")
  }

  @Test(
    "refuses what is not KIND/NAME of an allowed kind, saying what is",
    arguments: [
      ("llama", "expected KIND/NAME, such as aic/llama, not \"llama\""),
      ("aic/", "expected KIND/NAME, such as aic/llama, not \"aic/\""),
      ("widgets/x", "cannot act on \"widgets\": use aicluster (aic) or inferenceservice (infsvc)"),
      ("airoute/x", "cannot act on \"airoute\": use aicluster (aic) or inferenceservice (infsvc)"),
    ])
  func refusals(text: String, message: String) {
    #expect(throws: OperationError.self) {
      try OperationKind.parseTarget(text, allowed: [.aiCluster, .inferenceService])
    }
    do throws(OperationError) {
      _ = try OperationKind.parseTarget(text, allowed: [.aiCluster, .inferenceService])
    } catch {
      #expect(error.message == message)
      #expect(error.kind == .badInput)
    }
  }
}
