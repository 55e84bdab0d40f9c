import AIResources
import KubeCore
import Testing

@testable import ConsoleApp

@Suite("ScaleBounds")
struct ScaleBoundsTests {
  static let cluster: JSONValue = ["kind": "AICluster", "spec": ["modelName": "m", "replicas": 1]]
  static let autoscaled: JSONValue = [
    "kind": "InferenceService",
    "spec": ["modelRef": ["name": "m"], "scaling": ["minReplicas": 2, "maxReplicas": 8, "targetGPUUtilization": 70]],
  ]

  func message(_ bounds: ScaleBounds, _ replicas: Int, _ target: String) -> String? {
    do throws(OperationError) {
      try bounds.check(replicas, target: target)
      return nil
    } catch {
      return error.message
    }
  }

  @Test("an AICluster takes 0...1000, as its CRD schema says", arguments: [0, 1, 1000])
  func inBounds(replicas: Int) {
    #expect(message(ScaleBounds(object: Self.cluster), replicas, "aicluster/a") == nil)
  }

  @Test("a count outside 0...1000 is refused naming the bounds", arguments: [-1, 1001])
  func outOfBounds(replicas: Int) {
    #expect(
      message(ScaleBounds(object: Self.cluster), replicas, "aicluster/a")
        == "cannot scale aicluster/a to \(replicas): replicas must be within 0..1000")
  }

  @Test("an autoscaled InferenceService names its spec.scaling range")
  func autoscaledRange() {
    let bounds = ScaleBounds(object: Self.autoscaled)
    #expect([bounds.minimum, bounds.maximum] == [2, 8] && bounds.autoscaled)
    #expect(
      message(bounds, 9, "inferenceservice/s")
        == "cannot scale inferenceservice/s to 9: replicas must be within its spec.scaling range 2..8")
  }

  @Test("an autoscaled InferenceService is refused within its range too: the server forbids replicas with scaling")
  func autoscaledWithin() {
    let text = message(ScaleBounds(object: Self.autoscaled), 4, "inferenceservice/s")
    #expect(text?.contains("it is autoscaled within 2..8 (spec.scaling)") == true)
  }

  @Test("an InferenceService with fixed replicas takes 0...1000")
  func fixedService() {
    let service: JSONValue = ["spec": ["modelRef": ["name": "m"], "replicas": 2]]
    #expect(message(ScaleBounds(object: service), 5, "inferenceservice/s") == nil)
  }
}
