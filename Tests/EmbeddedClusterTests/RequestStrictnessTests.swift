import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

@testable import EmbeddedCluster

/// Read-only identities do not read Secrets (as Kubernetes' `view` role), and the query
/// parameters and paths kube-apiserver refuses are refused here, over HTTPS against a real
/// embedded server.
@Suite(.serialized, .timeLimit(.minutes(5))) struct RequestStrictnessTests {
  static func clients(_ server: EmbeddedServer) throws -> (admin: KubeClient, reader: KubeClient) {
    let admin = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    let reader = try KubeClient(
      configuration: .load(
        kubeconfig: server.kubeconfigPath, context: "aiconsole-embedded-read-only", rateLimit: .unlimited))
    return (admin, reader)
  }

  static func answer(_ client: KubeClient, _ method: HTTPVerb, _ path: String) async throws -> (Int, JSONValue) {
    let (code, bytes) = try await client.send(method, path)
    return (code, (try? JSONParser.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self)))
  }

  @Test func readOnlyIdentitiesCannotReadSecrets() async throws {
    let server = try await EmbeddedServer.start()
    let (admin, reader) = try Self.clients(server)
    let secret: JSONValue = [
      "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "api-keys"], "stringData": ["openai": "sk-1"],
    ]
    _ = try await admin.json(.POST, "/api/v1/namespaces/default/secrets", body: secret)

    let (listed, list) = try await Self.answer(reader, .GET, "/api/v1/namespaces/default/secrets")
    #expect(listed == 403)
    #expect(
      list["message"]
        == "secrets is forbidden: User \"aiconsole:read-only\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\""
    )
    #expect(list["details"] == ["kind": "secrets"])
    let (got, one) = try await Self.answer(reader, .GET, "/api/v1/namespaces/default/secrets/api-keys")
    #expect(got == 403)
    #expect(
      one["message"]
        == "secrets \"api-keys\" is forbidden: User \"aiconsole:read-only\" cannot get resource \"secrets\" in API group \"\" in the namespace \"default\""
    )
    let (everywhere, all) = try await Self.answer(reader, .GET, "/api/v1/secrets")
    #expect(everywhere == 403)
    #expect(
      all["message"]?.stringValue?.hasSuffix("cannot list resource \"secrets\" in API group \"\" at the cluster scope")
        == true)
    let (watched, _) = try await Self.answer(reader, .GET, "/api/v1/namespaces/default/secrets?watch=true")
    #expect(watched == 403)
    // Everything else stays readable, and the admin still reads Secrets.
    let (configMaps, _) = try await Self.answer(reader, .GET, "/api/v1/namespaces/default/configmaps")
    #expect(configMaps == 200)
    let (adminRead, _) = try await Self.answer(admin, .GET, "/api/v1/namespaces/default/secrets/api-keys")
    #expect(adminRead == 200)
    try await admin.shutdown()
    try await reader.shutdown()
    await server.stop()
  }

  @Test func malformedListParametersAreRefused() async throws {
    let server = try await EmbeddedServer.start()
    let (admin, reader) = try Self.clients(server)
    let configMaps = "/api/v1/namespaces/default/configmaps"
    let cases: [(String, Int, String)] = [
      ("limit=abc", 400, "strconv.ParseInt: parsing \"abc\": invalid syntax"),
      ("timeoutSeconds=abc", 400, "strconv.ParseInt: parsing \"abc\": invalid syntax"),
      ("watch=true&timeoutSeconds=1.5", 400, "strconv.ParseInt: parsing \"1.5\": invalid syntax"),
      (
        "resourceVersion=-5", 400,
        "resourceVersion: Invalid value: \"-5\": strconv.ParseUint: parsing \"-5\": invalid syntax"
      ),
      (
        "resourceVersion=1&resourceVersionMatch=bogus", 422,
        "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value: \"bogus\": supported values: \"Exact\", \"NotOlderThan\", \"\""
      ),
      (
        "resourceVersionMatch=Exact", 422,
        "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided"
      ),
      (
        "labelSelector=-a-", 400,
        "unable to parse requirement: key: Invalid value: \"-a-\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
      ),
    ]
    for (query, code, message) in cases {
      let (status, body) = try await Self.answer(admin, .GET, "\(configMaps)?\(query)")
      #expect(status == code, "\(query): \(body)")
      #expect(body["message"]?.stringValue == message, "\(query): \(body)")
    }
    for query in [
      "limit=2", "resourceVersion=0", "resourceVersion=1&resourceVersionMatch=NotOlderThan", "labelSelector=app%3Dweb",
    ] {
      let (status, body) = try await Self.answer(admin, .GET, "\(configMaps)?\(query)")
      #expect(status == 200, "\(query): \(body)")
    }
    try await admin.shutdown()
    try await reader.shutdown()
    await server.stop()
  }

  /// A `%` that is not an escape is a 400 from Go's HTTP server before any handler runs; a good
  /// escape is decoded (the path names the object it spells).
  @Test func malformedPercentEscapesAreBadRequests() async throws {
    let cluster = try await TestCluster()
    let bad = await cluster.send("GET", "/api/v1/namespaces/default/configmaps/a%zz")
    #expect(bad.status == 400)
    #expect(String(decoding: bad.bodyBytes, as: UTF8.self) == "400 Bad Request")
    let truncated = await cluster.send("GET", "/api/v1/namespaces/default/configmaps/a%2")
    #expect(truncated.status == 400)
    let created = await cluster.send(
      "POST", "/api/v1/namespaces/default/configmaps", body: ["metadata": ["name": "a-b"]])
    #expect(created.status == 201)
    let escaped = await cluster.send("GET", "/api/v1/namespaces/default/configmaps/a%2Db")
    #expect(escaped.status == 200)
  }
}
