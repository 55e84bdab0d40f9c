import KubeCore

/// A kubeconfig `users[].user.exec` credential plugin: the command kubectl would run to get a token
/// or a client certificate (EKS `aws eks get-token`, GKE `gke-gcloud-auth-plugin`, ...).
public struct ExecPluginConfiguration: Sendable, Hashable {
  /// `client.authentication.k8s.io/v1` or `v1beta1`; the plugin must answer in the same version.
  public var apiVersion: String
  /// The program: a path (relative ones already resolved against the kubeconfig's directory) or a
  /// name looked up in `PATH`.
  public var command: String
  public var arguments: [String]
  /// Extra environment variables for the plugin, on top of ours.
  public var environment: [String: String]
  /// Shown when the command cannot be found.
  public var installHint: String?
  /// Pass the cluster's details to the plugin in `KUBERNETES_EXEC_INFO`.
  public var provideClusterInfo: Bool
  /// The kubeconfig that named it, for messages.
  public var file: String

  static let supportedVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

  public init(
    apiVersion: String, command: String, arguments: [String] = [], environment: [String: String] = [:],
    installHint: String? = nil, provideClusterInfo: Bool = false, file: String = ""
  ) {
    self.apiVersion = apiVersion
    self.command = command
    self.arguments = arguments
    self.environment = environment
    self.installHint = installHint
    self.provideClusterInfo = provideClusterInfo
    self.file = file
  }

  init(_ exec: JSONValue, fields user: FieldReader) throws(KubeconfigError) {
    let fields = FieldReader(file: user.file, prefix: user.prefix + ".exec", value: exec)
    guard let apiVersion = try fields.string("apiVersion"), Self.supportedVersions.contains(apiVersion) else {
      throw fields.error("apiVersion", "must be one of \(Self.supportedVersions.joined(separator: ", "))")
    }
    guard let command = try fields.string("command"), !command.isEmpty else {
      throw fields.error("command", "missing; the exec plugin needs a command")
    }
    var arguments: [String] = []
    for (index, argument) in (exec["args"]?.arrayValue ?? []).enumerated() {
      guard let text = argument.stringValue else { throw fields.error("args[\(index)]", "expected a string") }
      arguments.append(text)
    }
    var environment: [String: String] = [:]
    for (index, variable) in (exec["env"]?.arrayValue ?? []).enumerated() {
      guard let name = variable["name"]?.stringValue, let value = variable["value"]?.stringValue else {
        throw fields.error("env[\(index)]", "expected name and value strings")
      }
      environment[name] = value
    }
    self.init(
      apiVersion: apiVersion, command: command, arguments: arguments, environment: environment,
      installHint: try fields.string("installHint"), provideClusterInfo: try fields.bool("provideClusterInfo"),
      file: user.file)
  }
}
