import KubeCore

/// What the demo's clients ask. The support questions are few, so they repeat and the context
/// route's cache gets hits; each has its own token budget, which is part of the cache key.
enum DemoPrompts {
  static let support: [(prompt: String, maxTokens: Int)] = [
    ("How do I reset my password?", 48),
    ("My invoice shows a double charge, what should I do?", 64),
    ("The dashboard has been loading forever since this morning.", 56),
    ("Can I move my subscription to another workspace?", 40),
    ("How do I export my data as CSV?", 32),
    ("Why was my API key revoked?", 48),
  ]

  static let assistant = [
    "Summarise the last deployment's incident report in three bullet points.",
    "Write a haiku about GPUs waiting for work.",
    "Explain the difference between a canary and a blue-green rollout.",
    "Draft a polite reply declining a meeting invitation.",
    "What does a rising time to first token usually mean?",
    "Translate 'the model is warming up' into French and German.",
    "List five checks before scaling an inference service down.",
    "Suggest a name for an internal LLM platform.",
    "Explain KV cache usage to a new SRE.",
    "Write a SQL query counting requests per model per hour.",
  ]

  static let tags = ["billing", "login", "outage", "refund", "export", "api"]

  /// Contexts the `support-ticket` schema refuses, each for a different reason.
  static let invalidContexts: [JSONValue] = [
    ["priority": 2],
    ["ticket": "12345", "priority": 1],
    ["ticket": "T-2044", "priority": "high"],
    ["ticket": "T-3310", "tags": "billing"],
  ]
}
