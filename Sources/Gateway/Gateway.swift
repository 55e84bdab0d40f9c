/// Gateway owns the AI gateway: the OpenAI-compatible endpoint, routing by AIModelRoute, auth,
/// rate limits, context-schema validation, the cache, the simulated model backends with their
/// load, and the GenAI, vLLM and DCGM metrics. `AIGateway` assembles it; `RequestHandler` is the
/// request pipeline; `ClusterView` is what it knows of the cluster.
public enum GatewayModule {}
