/// The names the demo's seed and its traffic share: what is created is what is called.
public enum DemoApplication {
  /// Everything the demo creates lives here; deleting it resets the demo at the next start.
  public static let namespace = "demo"
  /// The ConfigMap written after the last seeded object: while it exists, nothing is seeded again.
  public static let markerName = "aiconsole-demo"

  /// The route with an API key and a rate limit, and the model clients ask it for.
  static let keyedRoute = "assistant"
  static let keyedModel = "llama-3-8b"
  /// The route with a context schema and a cache, and its model.
  static let contextRoute = "support"
  static let contextModel = "mistral-7b"

  /// The Secret of the keyed route. The key is a published demo credential, not a secret: it
  /// opens only the demo's own route on a local control plane.
  static let keySecret = "assistant-keys"
  static let apiKey = "sk-demo-7f3a9c21e4b84d56"

  /// The ModelContextSchema of the context route.
  static let contextSchema = "support-ticket"
  /// What a valid ticket looks like, in the schema's regular expression.
  static let ticketPattern = "^T-[0-9]{4,}$"
}
