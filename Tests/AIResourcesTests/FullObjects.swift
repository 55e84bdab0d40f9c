/// One object of each kind with every spec and status field DESIGN.md lists set, so that a field
/// missing from a Swift type (dropped on a round trip) or from a schema (pruned) shows.
enum FullObjects {
  static let status = """
      observedGeneration: 3
      conditions:
      - type: Ready
        status: "True"
        observedGeneration: 3
        lastTransitionTime: "2026-01-02T03:04:05Z"
        reason: AllReady
        message: all ready
      reconcile:
        lastTime: "2026-01-02T03:04:06Z"
        durationMillis: 12
        result: Requeue
        message: waiting for instances
        reconcileID: 7f3c
        changeID: chg-42
    """

  static let yaml: [String: String] = [
    "AICluster": """
    apiVersion: ai.aiconsole.dev/v1
    kind: AICluster
    metadata: {name: pool, namespace: default, generation: 3, labels: {a: b}, annotations: {ai.aiconsole.dev/change-id: chg-42}}
    spec:
      replicas: 3
      modelName: llama
      modelVersion: v2.1
      image: vllm/vllm-openai:v0.6.3
      resourceRequests: {cpu: 500m, memory: 16Gi, gpu: 2}
      endpoint: {type: LoadBalancer, port: 8080, hostname: llama.example.com}
      revisionHistoryLimit: 5
      paused: true
    status:
      replicas: 3
      activeInstances: 2
      endpointURL: http://pool.default.svc:8080
      currentRevision: pool-6d5f
      selector: ai.aiconsole.dev/cluster=pool
    \(status)
    """,
    "ModelDeployment": """
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: llama-v2, namespace: default}
    spec:
      modelName: llama
      modelVersion: v2
      image: ghcr.io/example/server:1
      artifactURI: s3://models/llama/v2
      runtime: custom
      env: {A: "1", B_C: x}
      resources: {cpu: "2", memory: 8Gi, gpu: 1}
      simulation: {startupSeconds: 1, tokensPerSecondPerGPU: 900, failureMode: crashloop}
    status:
      phase: Available
    \(status)
    """,
    "InferenceService": """
    apiVersion: ai.aiconsole.dev/v1
    kind: InferenceService
    metadata: {name: chat, namespace: default}
    spec:
      modelRef: {name: llama-v2}
      replicas: 2
      hardwareProfile: {cpu: "8", memory: 64Gi, gpu: 4, gpuType: nvidia-h200}
      endpointConfig: {port: 9000, hostname: chat.example.com}
      canary:
        modelRef: {name: llama-v3}
        trafficPercent: 25
        analysis:
          steps: [{trafficPercent: 25, duration: 1m}, {trafficPercent: 50, duration: 2m}]
          minRequests: 30
          thresholds:
            maxErrorRate: {mode: Absolute, value: 5}
            maxLatencyP99: {mode: Relative, value: 1.5}
            maxTimeToFirstToken: {mode: Absolute, value: 800}
      contextSchemaRef: {name: ctx}
    status:
      currentReplicas: 2
      readyReplicas: 1
      endpointURL: http://chat.default.svc:9000
      selector: ai.aiconsole.dev/service=chat
      modelStatus: Loading
      canary:
        readyReplicas: 1
        trafficPercent: 25
        analysis:
          canaryModel: llama-v3
          step: 1
          steps: 2
          stepStartTime: "2026-01-01T00:00:00.000Z"
          phase: Progressing
          message: step 1/2 at 25%
          canaryRequests: 12
          stableRequests: 40
          checks: [{name: maxErrorRate, canary: 0, stable: 1.5, limit: 5, passed: true}]
    \(status)
    """,
    "AIModelRoute": """
    apiVersion: ai.aiconsole.dev/v1
    kind: AIModelRoute
    metadata: {name: route, namespace: default}
    spec:
      model: llama
      path: /v1/completions
      backends: [{service: chat, weight: 90}, {service: chat-b, weight: 10}]
      auth: {type: APIKey, secretRef: {name: keys}}
      rateLimit: {requestsPerMinute: 60, tokensPerMinute: 1000, burst: 5}
      contextSchemaRef: {name: ctx}
      cache: {enabled: true, ttlSeconds: 60}
      timeoutSeconds: 45
    status:
      backends: [{service: chat, ready: true, weight: 90}, {service: chat-b, ready: false, weight: 10}]
    \(status)
    """,
    "ModelContextSchema": """
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelContextSchema
    metadata: {name: ctx, namespace: default}
    spec:
      description: support context
      contextFields:
      - {name: id, type: string, required: true, description: the id, validationRegex: '^[0-9]+$'}
      - {name: tags, type: array<string>}
      - {name: score, type: number}
      - {name: vip, type: boolean}
      - {name: extra, type: object}
      - {name: raw, type: json}
    status:
      ready: true
      lastUpdated: "2026-01-02T03:04:05Z"
    \(status)
    """,
    "AIApplication": """
    apiVersion: ai.aiconsole.dev/v1
    kind: AIApplication
    metadata: {name: app, namespace: default}
    spec:
      services: [{name: chat}]
      routes: [{name: route}]
      dataPipelineRef: {name: ingest}
      monitoring: {latencyP99Millis: 900, errorRatePercent: 0.5, window: 7d}
    status:
      health: Degraded
      services: [{name: chat, ready: false, message: 1 of 2 ready}]
      slo:
        window: 7d
        observed: 2h
        targets:
        - name: errorRatePercent
          objective: 0.995
          current: 1.25
          errorBudgetRemaining: 0.75
          alert: Ticket
          burnRates: [{window: 5m, rate: 2.5, data: Full, requests: 400}, {window: 3d, rate: 0.25, data: Partial, requests: 9000}]
    \(status)
    """,
  ]
}
