/// Gateway owns the AI gateway: the OpenAI-compatible endpoint, routing by AIModelRoute, auth,
/// rate limits, context-schema validation, the cache, simulated model backends and metrics. Its
/// serving code arrives with the gateway issue; the module exists now so the dependency graph is fixed.
public enum AIGateway {}
