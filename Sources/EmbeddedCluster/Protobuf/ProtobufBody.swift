import KubeCore

/// Request bodies in the Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`).
/// client-go's typed clients send it for built-in kinds, so kubectl's `create namespace`,
/// `create secret` and `create configmap` do: the `k8s\0` magic, then a `runtime.Unknown` that
/// holds the type and the object's own message. The kinds an operator of AI workloads creates
/// that way are read; any other gets a 415 that names it and says to send JSON.
enum ProtobufBody {
  static let mediaType = "application/vnd.kubernetes.protobuf"
  static let magic: [UInt8] = [0x6b, 0x38, 0x73, 0x00]

  /// Whether `contentType` names the protobuf encoding.
  static func isProtobuf(_ contentType: String) -> Bool {
    contentType.split(separator: ";").first.map { String($0).trimmingSpaces.lowercased() } == mediaType
  }

  /// The object a protobuf body holds, as JSON with its apiVersion and kind.
  static func decode(_ body: [UInt8], info: ResourceInfo) throws(StatusError) -> JSONValue {
    let (apiVersion, kind, raw): (String, String, ArraySlice<UInt8>)
    do {
      guard body.starts(with: magic) else { throw ProtobufError("the body does not start with the k8s\\0 magic") }
      (apiVersion, kind, raw) = try envelope(body.dropFirst(magic.count))
    } catch {
      throw StatusError.badRequest("the protobuf body for \(info.kind) cannot be read: \(error)")
    }
    guard let schema = kinds["\(apiVersion)/\(kind)"] else {
      let known = kinds.keys.sorted().map { $0.split(separator: "/").last.map(String.init) ?? $0 }
      throw StatusError(
        code: 415, reason: "UnsupportedMediaType",
        message:
          "the embedded API server reads protobuf bodies only for \(known.joined(separator: ", ")); send \(kind.isEmpty ? info.kind : kind) as application/json (kubectl create -f or kubectl apply -f)"
      )
    }
    do {
      var object = try schema.decode(raw)
      object["apiVersion"] = .string(apiVersion)
      object["kind"] = .string(kind)
      return object
    } catch {
      throw StatusError.badRequest("the protobuf body for \(kind) cannot be read: \(error)")
    }
  }

  /// `runtime.Unknown`: typeMeta (1: apiVersion, 2: kind), raw (2), contentEncoding (3),
  /// contentType (4); the raw bytes are the object's message.
  private static func envelope(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> (String, String, ArraySlice<UInt8>)
  {
    var reader = ProtobufReader(bytes)
    var typeMeta: JSONValue = .emptyObject
    var raw: ArraySlice<UInt8> = []
    while let (field, value) = try reader.next() {
      switch (field, value) {
      case (1, .bytes(let bytes)):
        typeMeta = try ProtobufMessage([1: ("apiVersion", .string), 2: ("kind", .string)]).decode(bytes)
      case (2, .bytes(let bytes)): raw = bytes
      case (3, .bytes(let bytes)) where !bytes.isEmpty:
        throw ProtobufError("content encoding \"\(String(decoding: bytes, as: UTF8.self))\" is not supported")
      default: continue
      }
    }
    return (typeMeta["apiVersion"]?.stringValue ?? "", typeMeta["kind"]?.stringValue ?? "", raw)
  }

  /// The kinds read from protobuf, by `apiVersion/kind`, with the field numbers of
  /// k8s.io/api/core/v1's generated.proto.
  static let kinds: [String: ProtobufMessage] = [
    "v1/Namespace": ProtobufMessage([
      1: ("metadata", .message(objectMeta)),
      2: ("spec", .message(ProtobufMessage([1: ("finalizers", .strings)]))),
      3: ("status", .message(ProtobufMessage([1: ("phase", .string)]))),
    ]),
    "v1/Secret": ProtobufMessage([
      1: ("metadata", .message(objectMeta)), 2: ("data", .bytesMap), 3: ("type", .string),
      4: ("stringData", .stringMap), 5: ("immutable", .bool),
    ]),
    "v1/ConfigMap": ProtobufMessage([
      1: ("metadata", .message(objectMeta)), 2: ("data", .stringMap), 3: ("binaryData", .bytesMap),
      4: ("immutable", .bool),
    ]),
  ]

  /// `metav1.ObjectMeta` (k8s.io/apimachinery's generated.proto); managedFields are not read.
  static let objectMeta = ProtobufMessage([
    1: ("name", .string), 2: ("generateName", .string), 3: ("namespace", .string), 4: ("selfLink", .string),
    5: ("uid", .string), 6: ("resourceVersion", .string), 7: ("generation", .int64),
    8: ("creationTimestamp", .time), 9: ("deletionTimestamp", .time), 10: ("deletionGracePeriodSeconds", .int64),
    11: ("labels", .stringMap), 12: ("annotations", .stringMap), 13: ("ownerReferences", .messages(ownerReference)),
    14: ("finalizers", .strings),
  ])

  static let ownerReference = ProtobufMessage([
    1: ("kind", .string), 3: ("name", .string), 4: ("uid", .string), 5: ("apiVersion", .string),
    6: ("controller", .bool), 7: ("blockOwnerDeletion", .bool),
  ])
}
