import KubeCore

/// The Go type a field of a built-in kind decodes into. kube-apiserver decodes a request body
/// straight into its Go structs, so a value of the wrong JSON type never reaches validation: it is
/// refused while decoding, with encoding/json's message. This describes those structs as data (one
/// table per kind in `BuiltinGoTypes`) so that the check is one walk, not a wall of ifs.
indirect enum GoType: Sendable {
  case string
  case bool
  case int32
  case int64
  case float64
  /// `[]byte`: a base64 string.
  case bytes
  /// `resource.Quantity`: a string or number in quantity syntax.
  case quantity
  /// `intstr.IntOrString`.
  case intOrString
  /// `metav1.Time`: an RFC 3339 string.
  case time
  /// Any JSON (`runtime.RawExtension`, `apiextensions.JSON`, fields this table leaves open).
  case any
  /// `[]T`.
  case slice(GoType)
  /// `map[string]T`, with the Go name of a named map type (`v1.ResourceList`) when it has one.
  case map(GoType, name: String? = nil)
  /// A struct, by its qualified Go name (`v1.DeploymentSpec`); its fields are in `GoStructs`.
  case structure(String)
  /// `JSONSchemaPropsOrBool` (a schema or a boolean) and `JSONSchemaPropsOrArray` (a schema or
  /// an array of them): CRD schema fields with their own decoders.
  case schemaOrBool
  case schemaOrArray

  /// The type as Go's `reflect.Type.String()` prints it in a decoding error.
  var goName: String {
    switch self {
    case .string: "string"
    case .bool: "bool"
    case .int32: "int32"
    case .int64: "int64"
    case .float64: "float64"
    case .bytes: "[]uint8"
    case .quantity: "resource.Quantity"
    case .intOrString: "intstr.IntOrString"
    case .time: "v1.Time"
    case .any: "interface {}"
    case .slice(let element): "[]" + element.goName
    case .map(let element, let name): name ?? "map[string]" + element.goName
    case .structure(let name): name
    case .schemaOrBool: "v1.JSONSchemaPropsOrBool"
    case .schemaOrArray: "v1.JSONSchemaPropsOrArray"
    }
  }
}

/// The fields of one Go struct, by JSON name.
typealias GoFields = [String: GoType]
