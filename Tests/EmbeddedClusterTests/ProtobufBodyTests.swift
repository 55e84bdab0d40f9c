import ClusterTestSupport
import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

/// Protobuf request bodies as kubectl 1.32 sent them (`kubectl create namespace|secret|configmap`,
/// recorded under Fixtures/), read into the JSON objects the same commands would send as JSON.
@Suite("Protobuf request bodies")
struct ProtobufBodyTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func body(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
  }

  static func decode(_ body: [UInt8], _ info: ResourceInfo) throws(StatusError) -> JSONValue {
    try Admission.decode(body, contentType: "application/vnd.kubernetes.protobuf", info: info)
  }

  @Test("kubectl create namespace --save-config: the name and the annotation, nothing empty")
  func namespace() throws {
    let object = try Self.decode(try Self.body("namespace.bin"), BuiltinResources.namespaces)
    #expect(object["apiVersion"] == "v1")
    #expect(object["kind"] == "Namespace")
    #expect(object[path: ["metadata", "name"]] == "foo")
    let applied = object[path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]]
    #expect(applied?.stringValue?.contains(#""name":"foo""#) == true)
    #expect(object["metadata"]?.objectValue?.keys.sorted() == ["annotations", "name"])
    #expect(object["spec"] == nil && object["status"] == nil)
  }

  @Test("kubectl create secret generic and docker-registry: data as base64, the type when set")
  func secrets() throws {
    let generic = try Self.decode(try Self.body("secret-generic.bin"), BuiltinResources.secrets)
    #expect(generic[path: ["metadata", "name"]] == "s1")
    #expect(generic["data"] == ["k": "dg==", "pw": "aHVudGVyMg=="])
    #expect(generic["type"] == nil)
    let docker = try Self.decode(try Self.body("secret-docker.bin"), BuiltinResources.secrets)
    #expect(docker["type"] == "kubernetes.io/dockerconfigjson")
    let config = docker[path: ["data", ".dockerconfigjson"]]?.stringValue.flatMap { Data(base64Encoded: $0) }
    #expect(config.map { String(decoding: $0, as: UTF8.self) }?.contains(#""username":"u""#) == true)
  }

  @Test("kubectl create configmap --from-literal --from-file: text in data, bytes in binaryData")
  func configMap() throws {
    let object = try Self.decode(try Self.body("configmap.bin"), BuiltinResources.configMaps)
    #expect(object[path: ["metadata", "name"]] == "c1")
    #expect(object["data"] == ["a": "b"])
    #expect(object["binaryData"] == ["blob": .string(Data([0x00, 0x01, 0xff]).base64EncodedString())])
  }

  @Test("a body cut short is a 400 that says where; one without the magic is a 400")
  func truncated() throws {
    let body = try Self.body("secret-generic.bin")
    let cut = #expect(throws: StatusError.self) { try Self.decode(Array(body.prefix(40)), BuiltinResources.secrets) }
    #expect(cut?.code == 400)
    #expect(cut?.message.contains("the protobuf body for Secret cannot be read") == true, "\(String(describing: cut))")
    #expect(cut?.message.contains("claims") == true, "\(String(describing: cut))")
    do {
      _ = try Self.decode(Array(#"{"kind":"Secret"}"#.utf8), BuiltinResources.secrets)
      Issue.record("JSON sent as protobuf was read")
    } catch {
      #expect(error.code == 400)
      #expect(error.message.contains("k8s\\0 magic"), "\(error.message)")
    }
  }

  @Test("a kind whose message is not read is a 415 that names it and says to send JSON")
  func unknownKind() throws {
    // runtime.Unknown{typeMeta: {apiVersion: v1, kind: Service}, raw: metadata{name: chat}}
    let typeMeta: [UInt8] = [0x0a, 0x02] + Array("v1".utf8) + [0x12, 0x07] + Array("Service".utf8)
    let raw: [UInt8] = [0x0a, 0x06, 0x0a, 0x04] + Array("chat".utf8)
    let body = ProtobufBody.magic + [0x0a, UInt8(typeMeta.count)] + typeMeta + [0x12, UInt8(raw.count)] + raw
    do {
      _ = try Self.decode(body, BuiltinResources.services)
      Issue.record("a Service body was read")
    } catch {
      #expect(error.code == 415)
      #expect(error.message.contains("only for ConfigMap, Namespace, Secret; send Service as application/json"))
    }
  }

  @Test("mangled bodies are refused or read, never a crash: 3,000 seeded byte flips, cuts and insertions")
  func mangledBodies() throws {
    var random = SeededRandom(seed: 7)
    let bodies = try ["namespace.bin", "secret-generic.bin", "secret-docker.bin", "configmap.bin"].map(Self.body)
    var refused = 0
    for round in 0..<3_000 {
      var body = bodies[round % bodies.count]
      for _ in 0..<(1 + Int(random.next() % 4)) {
        let at = Int(random.next() % UInt64(body.count))
        switch random.next() % 3 {
        case 0: body[at] = UInt8(truncatingIfNeeded: random.next())
        case 1: body.removeSubrange(at...)
        default: body.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
        }
        if body.isEmpty { body = [0] }
      }
      do {
        _ = try Self.decode(body, BuiltinResources.secrets)
      } catch {
        #expect([400, 415].contains(error.code), "\(error.code): \(error.message)")
        refused += 1
      }
    }
    #expect(refused > 0)
  }
}
