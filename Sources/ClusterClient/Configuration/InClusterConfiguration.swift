import Foundation

extension ClusterConfiguration {
  /// Where a pod's service account credentials are mounted.
  public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

  /// The configuration of a process running in a pod: `KUBERNETES_SERVICE_HOST`/`_PORT`, the
  /// mounted service-account token (re-read as it rotates), CA and namespace.
  public static func inCluster(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    serviceAccountDirectory directory: String = serviceAccountDirectory
  ) throws(KubeconfigError) -> ClusterConfiguration {
    guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
      let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
    else {
      throw KubeconfigError(
        file: "in-cluster", field: "KUBERNETES_SERVICE_HOST",
        reason: "not running in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
    }
    let tokenPath = directory + "/token"
    guard FileManager.default.isReadableFile(atPath: tokenPath) else {
      throw KubeconfigError(file: tokenPath, reason: "cannot read the service account token")
    }
    let caPath = directory + "/ca.crt"
    guard let ca = FileManager.default.contents(atPath: caPath) else {
      throw KubeconfigError(file: caPath, reason: "cannot read the service account CA")
    }
    let namespace = (try? String(contentsOfFile: directory + "/namespace", encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let hostPart = host.contains(":") ? "[\(host)]" : host
    return ClusterConfiguration(
      server: "https://\(hostPart):\(port)", contextName: "in-cluster",
      namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default", source: "in-cluster",
      tls: TLSSettings(certificateAuthorityPEM: Array(ca)), credentials: .tokenFile(tokenPath))
  }
}
