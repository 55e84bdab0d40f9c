import Foundation
import KubeCore

/// `ValidateConfigMap` and `ValidateSecret`: data keys, the 1 MiB total, a key in both of a
/// ConfigMap's bags, and the keys a typed Secret requires.
enum DataKeyValidation {
  /// The most bytes a ConfigMap's or Secret's data may hold (`MaxSecretSize`).
  static let maxDataBytes = 1024 * 1024

  static func configMapErrors(_ configMap: JSONValue) -> [FieldError] {
    let data = configMap["data"]?.objectValue ?? [:]
    let binary = configMap["binaryData"]?.objectValue ?? [:]
    var errors: [FieldError] = []
    var total = 0
    for (key, value) in data {
      errors += keyErrors("data", key)
      if binary[key] != nil {
        errors.append(ObjectMetaValidation.invalid("data[\(key)]", key, "duplicate of key present in binaryData"))
      }
      total += value.stringValue?.utf8.count ?? 0
    }
    for (key, value) in binary {
      errors += keyErrors("binaryData", key)
      if data[key] != nil {
        errors.append(ObjectMetaValidation.invalid("binaryData[\(key)]", key, "duplicate of key present in data"))
      }
      total += decodedCount(value)
    }
    if total > maxDataBytes {
      errors.append(tooLong(""))
    }
    return errors
  }

  static func secretErrors(_ secret: JSONValue) -> [FieldError] {
    let data = secret["data"]?.objectValue ?? [:]
    let stringData = secret["stringData"]?.objectValue ?? [:]
    var errors: [FieldError] = []
    var total = 0
    for (key, value) in data {
      errors += keyErrors("data", key)
      total += decodedCount(value)
    }
    // stringData is merged into data before validation, so its keys are reported under data.
    for (key, value) in stringData where data[key] == nil {
      errors += keyErrors("data", key)
      total += value.stringValue?.utf8.count ?? 0
    }
    if total > maxDataBytes { errors.append(tooLong("data")) }
    let keys = Set(data.keys).union(stringData.keys)
    for key in requiredKeys(type: secret["type"]?.stringValue ?? "Opaque") where !keys.contains(key) {
      errors.append(FieldError(field: "data[\(key)]", reason: .required, message: "Required value"))
    }
    return errors
  }

  /// The keys a Secret of a built-in type must have.
  private static func requiredKeys(type: String) -> [String] {
    switch type {
    case "kubernetes.io/tls": ["tls.crt", "tls.key"]
    case "kubernetes.io/ssh-auth": ["ssh-privatekey"]
    case "kubernetes.io/dockerconfigjson": [".dockerconfigjson"]
    case "kubernetes.io/dockercfg": [".dockercfg"]
    default: []
    }
  }

  private static func keyErrors(_ bag: String, _ key: String) -> [FieldError] {
    NameSyntax.configMapKey(key).map { ObjectMetaValidation.invalid("\(bag)[\(key)]", key, $0) }
  }

  private static func decodedCount(_ value: JSONValue) -> Int {
    guard let text = value.stringValue else { return 0 }
    return Data(base64Encoded: text, options: .ignoreUnknownCharacters)?.count ?? text.utf8.count
  }

  private static func tooLong(_ field: String) -> FieldError {
    FieldError(field: field, reason: .tooLong, message: "Too long: may not be more than \(maxDataBytes) bytes")
  }
}
