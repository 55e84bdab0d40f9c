import AIResources
import KubeCore
import Testing

@testable import Gateway

/// The seeded demo application: admitted by the AI admission rules, consistent in its
/// references, and small enough for the default simulated fleet.
@Suite struct DemoObjectsTests {
  @Test func everyAIObjectPassesAdmission() throws {
    let objects = try DemoObjects.all()
    #expect(objects.count == 13)
    for object in objects where object.resource.group == AIKinds.group {
      var body = object.body
      AIAdmission.applyDefaults(kind: object.resource.kind, to: &body)
      let errors = AIAdmission.validate(kind: object.resource.kind, object: body, old: nil)
      #expect(errors.isEmpty, "\(object.description): \(errors)")
      #expect(body[path: ["metadata", "namespace"]] == .string(DemoApplication.namespace))
    }
  }

  @Test func referencesPointAtSeededObjects() throws {
    let names = Set(try DemoObjects.all().map(\.description))
    for route in DemoObjects.routes() {
      for backend in route.spec.backends { #expect(names.contains("InferenceService/\(backend.service)")) }
      if let secret = route.spec.auth?.secretRef?.name { #expect(names.contains("Secret/\(secret)")) }
      if let schema = route.spec.contextSchemaRef?.name { #expect(names.contains("ModelContextSchema/\(schema)")) }
    }
    for service in DemoObjects.services() {
      #expect(names.contains("ModelDeployment/\(service.spec.modelRef.name)"))
      if let canary = service.spec.canary { #expect(names.contains("ModelDeployment/\(canary.modelRef.name)")) }
    }
    let application = DemoObjects.application.spec
    for service in application.services ?? [] { #expect(names.contains("InferenceService/\(service.name)")) }
    for route in application.routes ?? [] { #expect(names.contains("AIModelRoute/\(route.name)")) }
    #expect(DemoObjects.routes().contains { $0.spec.auth?.type == .apiKey && $0.spec.rateLimit != nil })
    #expect(DemoObjects.routes().contains { $0.spec.contextSchemaRef != nil && $0.spec.cache?.enabled == true })
  }

  @Test func fitsWellUnderTheDefaultFleet() {
    var gpus = DemoObjects.standalonePool.spec.replicas! * DemoObjects.standalonePool.spec.resourceRequests!.gpu!
    for service in DemoObjects.services() {
      let replicas = service.spec.replicas ?? 1
      let canary =
        service.spec.canary.map { max(1, Int((Double(replicas) * Double($0.trafficPercent ?? 10) / 100).rounded(.up))) }
        ?? 0
      gpus += (replicas + canary) * (service.spec.hardwareProfile?.gpu ?? 1)
    }
    #expect(gpus <= 8, "\(gpus) of the default fleet's 32 GPUs")
  }

  @Test("the slow canary is judged by analysis from the share it is seeded with, on its time to first token")
  func slowCanaryIsJudged() throws {
    let canaries = DemoObjects.services().compactMap(\.spec.canary)
    let canary = try #require(canaries.first)
    let analysis = try #require(canary.analysis)
    // The first step is the seeded share, so the controller starts the analysis without an edit.
    #expect(analysis.steps.first?.trafficPercent == canary.trafficPercent)
    #expect(analysis.thresholds?.maxTimeToFirstToken?.mode == .relative)
    let model = DemoObjects.models().first { $0.metadata.name == canary.modelRef.name }
    #expect(model?.spec.simulation?.failureMode == .slow)
  }

  @Test func modelFamiliesComeInTwoVersions() {
    let versions = Dictionary(grouping: DemoObjects.models(), by: \.spec.modelName).mapValues {
      $0.map(\.spec.modelVersion)
    }
    #expect(versions == ["llama-3-8b": ["1", "2"], "mistral-7b": ["1", "2"]])
  }
}
