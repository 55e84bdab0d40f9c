import KubeCore

/// How a create or update body is encoded, from its Content-Type, as kube-apiserver negotiates
/// it: JSON (also when no type is given), YAML, or protobuf for built-in kinds; anything else is
/// a 415 naming the accepted types.
enum BodyMediaType {
  case json
  case yaml
  case protobuf
  case unsupported(StatusError)

  init(contentType: String, info: ResourceInfo) {
    let mediaType = contentType.split(separator: ";").first.map { String($0).trimmingSpaces.lowercased() } ?? ""
    switch mediaType {
    case "", "application/json": self = .json
    case "application/yaml": self = .yaml
    case ProtobufBody.mediaType where !info.isCustom: self = .protobuf
    default:
      var accepted = ["application/json", "application/yaml"]
      if !info.isCustom { accepted.append(ProtobufBody.mediaType) }
      self = .unsupported(
        StatusError(
          code: 415, reason: "UnsupportedMediaType",
          message:
            "the body of the request was in an unknown format - accepted media types include: \(accepted.joined(separator: ", "))"
        ))
    }
  }
}
