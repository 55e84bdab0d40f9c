import Testing

@testable import Gateway

@Suite("CompletionText and TokenCounter")
struct CompletionTextTests {
  @Test("the same model and prompt always give the same text")
  func deterministic() {
    let first = CompletionText(model: "llama-3-8b", prompt: "Why is the sky blue?", maxTokens: 1000)
    let second = CompletionText(model: "llama-3-8b", prompt: "Why is the sky blue?", maxTokens: 1000)
    #expect(first == second)
    #expect(first.text == first.tokens.joined())
    #expect(!first.text.hasPrefix(" "))
  }

  @Test("another prompt or another model gives another text")
  func variesWithInput() {
    let base = CompletionText(model: "llama-3-8b", prompt: "Why is the sky blue?", maxTokens: 1000)
    #expect(CompletionText(model: "llama-3-8b", prompt: "Why is the sea blue?", maxTokens: 1000) != base)
    #expect(CompletionText(model: "mistral-7b", prompt: "Why is the sky blue?", maxTokens: 1000) != base)
  }

  @Test("the natural length is 16 + hash % 240 tokens", arguments: ["", "hello", "a longer prompt, with punctuation!"])
  func naturalLength(prompt: String) {
    let seed = CompletionText.hash(model: "m", prompt: prompt)
    let completion = CompletionText(model: "m", prompt: prompt, maxTokens: .max)
    #expect(completion.tokens.count == 16 + Int(seed % 240))
  }

  @Test("max_tokens cuts the completion", arguments: [0, 1, 5, 15])
  func maxTokens(limit: Int) {
    let full = CompletionText(model: "m", prompt: "tell me a story", maxTokens: .max)
    let cut = CompletionText(model: "m", prompt: "tell me a story", maxTokens: limit)
    #expect(cut.tokens == Array(full.tokens.prefix(limit)))
  }

  @Test(
    "counts 4/3 of a token per word, rounded up, plus one per symbol",
    arguments: [
      ("", 0), ("hello", 2), ("hello world", 3), ("one two three", 4), ("Hi, there!", 5), ("x  \n y", 3),
      ("GPU-42 node", 5),
    ])
  func tokenCount(text: String, expected: Int) {
    #expect(TokenCounter.count(text) == expected)
  }
}
