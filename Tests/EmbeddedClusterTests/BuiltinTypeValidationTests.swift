import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// Built-in kinds are type-checked as kube-apiserver's decoder checks them (400 with Go's
/// message) and their labels, annotations and data keys validated (422), over HTTPS against a
/// real embedded server.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BuiltinTypeValidationTests {
  static let namespace = "/api/v1/namespaces/default"

  /// Sends a raw JSON body (so number literals reach the server as written).
  static func post(_ client: KubeClient, _ path: String, _ body: String, contentType: String = "application/json")
    async throws -> (code: Int, body: JSONValue)
  {
    let (code, bytes) = try await client.send(.POST, path, body: Array(body.utf8), contentType: contentType)
    return (code, (try? JSONParser.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self)))
  }

  static func withServer(_ body: (KubeClient) async throws -> Void) async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    do {
      try await body(client)
    } catch {
      try? await client.shutdown()
      await server.stop()
      throw error
    }
    try await client.shutdown()
    await server.stop()
  }

  static func expectBadRequest(_ answer: (code: Int, body: JSONValue), _ message: String) {
    #expect(answer.code == 400, "\(answer.body)")
    #expect(answer.body["reason"] == "BadRequest")
    #expect(answer.body["message"]?.stringValue == message, "\(answer.body["message"] ?? "")")
  }

  @Test func wrongJSONTypesAreRefusedWhileDecoding() async throws {
    try await Self.withServer { client in
      let configMaps = "\(Self.namespace)/configmaps"
      Self.expectBadRequest(
        try await Self.post(client, configMaps, #"{"metadata":{"name":"n"},"data":{"k":5}}"#),
        "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string"
      )
      Self.expectBadRequest(
        try await Self.post(client, configMaps, #"{"metadata":{"name":"n","labels":{"a":5}}}"#),
        "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"
      )
      Self.expectBadRequest(
        try await Self.post(client, "\(Self.namespace)/secrets", #"{"metadata":{"name":"s"},"data":{"user":"admin"}}"#),
        "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 4")
      let deployments = "/apis/apps/v1/namespaces/default/deployments"
      for (literal, shown) in [
        ("2.5", "2.5"), ("18446744073709551616", "18446744073709551616"), ("3000000000", "3000000000"),
      ] {
        Self.expectBadRequest(
          try await Self.post(client, deployments, Self.deployment(replicas: literal)),
          "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number \(shown) into Go struct field DeploymentSpec.spec.replicas of type int32"
        )
      }
      // 1e400 is past a double: refused too, never stored as null.
      let huge = try await Self.post(client, deployments, Self.deployment(replicas: "1e400"))
      #expect(huge.code == 400)
      #expect(
        huge.body["message"]?.stringValue?.contains("Go struct field DeploymentSpec.spec.replicas of type int32")
          == true)
      Self.expectBadRequest(
        try await Self.post(
          client, "\(Self.namespace)/pods",
          #"{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":"http"}]}]}}"#
        ),
        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32"
      )
      Self.expectBadRequest(
        try await Self.post(
          client, "\(Self.namespace)/services", #"{"metadata":{"name":"web"},"spec":{"ports":[{"port":"80"}]}}"#),
        "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32"
      )
      Self.expectBadRequest(
        try await Self.post(client, "/api/v1/namespaces", #"{"metadata":{"name":"team"},"spec":{"finalizers":"x"}}"#),
        "Namespace in version \"v1\" cannot be handled as a Namespace: json: cannot unmarshal string into Go struct field NamespaceSpec.spec.finalizers of type []string"
      )
      Self.expectBadRequest(
        try await Self.post(
          client, "\(Self.namespace)/pods",
          #"{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","resources":{"limits":{"cpu":"lots"}}}]}}"#
        ),
        "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
      )
      // A patch that would store a wrong type is refused the same way.
      let created = try await Self.post(client, configMaps, #"{"metadata":{"name":"good"},"data":{"k":"v"}}"#)
      #expect(created.code == 201)
      let (patched, bytes) = try await client.send(
        .PATCH, "\(configMaps)/good", body: Array(#"{"data":{"k":5}}"#.utf8),
        contentType: "application/merge-patch+json")
      #expect(patched == 400, "\(String(decoding: bytes, as: UTF8.self))")
      let stored = try await client.json(.GET, "\(configMaps)/good")
      #expect(stored["data"]?["k"] == "v")
    }
  }

  static func deployment(replicas: String) -> String {
    #"{"metadata":{"name":"web"},"spec":{"replicas":"# + replicas
      + #","selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}"#
  }

  @Test func labelsAnnotationsAndDataKeysAreValidated() async throws {
    try await Self.withServer { client in
      let configMaps = "\(Self.namespace)/configmaps"
      let spaced = try await Self.post(client, configMaps, #"{"metadata":{"name":"n","labels":{"a b":"x"}}}"#)
      #expect(spaced.code == 422)
      #expect(
        spaced.body["message"]?.stringValue
          == #"ConfigMap "n" is invalid: metadata.labels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#
      )
      let badValue = try await Self.post(client, configMaps, #"{"metadata":{"name":"n","labels":{"a":"x y"}}}"#)
      #expect(badValue.code == 422)
      #expect(badValue.body["details"]?["causes"]?.arrayValue?.first?["field"] == "metadata.labels")
      let dashed = try await Self.post(client, configMaps, #"{"metadata":{"name":"n","labels":{"-a-":"x"}}}"#)
      #expect(dashed.code == 422)
      let annotation = try await Self.post(
        client, configMaps, #"{"metadata":{"name":"n","annotations":{"a/b/c":"x"}}}"#)
      #expect(annotation.code == 422)
      #expect(annotation.body["details"]?["causes"]?.arrayValue?.first?["field"] == "metadata.annotations")
      let key = try await Self.post(client, configMaps, #"{"metadata":{"name":"n"},"data":{"a b":"x"}}"#)
      #expect(key.code == 422)
      #expect(key.body["details"]?["causes"]?.arrayValue?.first?["field"] == "data[a b]")
      let tls = try await Self.post(
        client, "\(Self.namespace)/secrets", #"{"metadata":{"name":"t"},"type":"kubernetes.io/tls","data":{}}"#)
      #expect(tls.code == 422)
      #expect(
        tls.body["details"]?["causes"]?.arrayValue?.compactMap { $0["field"]?.stringValue } == [
          "data[tls.crt]", "data[tls.key]",
        ])
      let namespace = try await Self.post(client, "/api/v1/namespaces", #"{"metadata":{"name":"a.b"}}"#)
      #expect(namespace.code == 422)
      // What is valid still goes in, and reads back.
      let valid = try await Self.post(
        client, configMaps,
        #"{"metadata":{"name":"ok","labels":{"app.kubernetes.io/name":"web","tier":""},"annotations":{"Example.com/Note":"x"}},"data":{"a.b_c-d":"1"},"binaryData":{"bin":"aGk="}}"#
      )
      #expect(valid.code == 201, "\(valid.body)")
    }
  }

  @Test func bodiesInAnUnknownMediaTypeAre415() async throws {
    try await Self.withServer { client in
      let refused = try await Self.post(
        client, "\(Self.namespace)/configmaps", #"{"metadata":{"name":"n"}}"#, contentType: "text/plain")
      #expect(refused.code == 415)
      #expect(refused.body["reason"] == "UnsupportedMediaType")
      #expect(
        refused.body["message"]
          == "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"
      )
      let yaml = try await Self.post(
        client, "\(Self.namespace)/configmaps", "metadata: {name: from-yaml}\ndata: {k: v}\n",
        contentType: "application/yaml")
      #expect(yaml.code == 201, "\(yaml.body)")
      let charset = try await Self.post(
        client, "\(Self.namespace)/configmaps", #"{"metadata":{"name":"utf"}}"#,
        contentType: "application/json; charset=utf-8")
      #expect(charset.code == 201)
    }
  }
}
