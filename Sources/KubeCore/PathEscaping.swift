/// Percent-encoding for path segments and query values.
public enum PathEscaping {
  private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

  public static func segment(_ text: String) -> String { escape(text) }

  public static func query(_ pairs: [(String, String)]) -> String {
    pairs.isEmpty ? "" : "?" + pairs.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
  }

  private static func escape(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      if unreserved.contains(byte) {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
      }
    }
    return result
  }
}
