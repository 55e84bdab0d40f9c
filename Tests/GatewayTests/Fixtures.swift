import AIResources
import Gateway

/// Instances and requests shared by the tests.
enum Fixtures {
  static func instance(
    pod: String = "llama-abc12", node: String = "sim-gpu-node-1", gpus: Int = 1,
    failureMode: ModelDeployment.Spec.Simulation.FailureMode? = nil, tokensPerSecondPerGPU: Int? = nil
  ) -> ServingInstance {
    ServingInstance(
      kind: .simulated, namespace: "demo", pod: pod, cluster: "llama", node: node, podIP: "10.244.1.2", port: 8000,
      modelName: "llama-3-8b", modelVersion: "v1", gpus: gpus,
      simulation: .init(tokensPerSecondPerGPU: tokensPerSecondPerGPU, failureMode: failureMode))
  }

  static func request(_ prompt: String, maxTokens: Int = 256, id: String = "req-1") -> InferenceRequest {
    InferenceRequest(endpoint: .chat, model: "llama-3-8b", prompt: prompt, maxTokens: maxTokens, requestID: id)
  }

  /// Every token of a generation, in order.
  static func drain(_ generation: Generation) async throws -> [String] {
    var tokens: [String] = []
    for try await token in generation.tokens { tokens.append(token) }
    return tokens
  }
}
