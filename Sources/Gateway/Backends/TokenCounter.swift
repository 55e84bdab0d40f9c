/// Counts a prompt's tokens the way the simulated models' tokenizer does, deterministically and
/// without a vocabulary: every run of letters and digits is a word, every other visible character
/// (punctuation, symbols) is a token of its own, and words cost 4/3 of a token each, rounded up
/// over the whole prompt — the rule of thumb that English text runs at about 0.75 words per
/// token with BPE tokenizers. Whitespace costs nothing.
public enum TokenCounter {
  /// Tokens of `text`.
  public static func count(_ text: String) -> Int {
    var words = 0
    var symbols = 0
    var inWord = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if !inWord { words += 1 }
        inWord = true
      } else {
        inWord = false
        if !scalar.properties.isWhitespace { symbols += 1 }
      }
    }
    return (words * 4 + 2) / 3 + symbols
  }
}
