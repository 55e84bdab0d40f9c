import Foundation

/// Query parameter values in request paths.
enum QueryValue {
  /// `value` percent-encoded for a query, including the characters that would end or split it.
  static func escape(_ value: String) -> String {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "+&=?#")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
  }
}
