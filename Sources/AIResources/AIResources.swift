/// AIResources owns the AI API, group `ai.aiconsole.dev` version `v1`:
///
/// * the six kinds as Codable Swift types (``AICluster``, ``ModelDeployment``, ``InferenceService``,
///   ``AIModelRoute``, ``ModelContextSchema``, ``AIApplication``), all ``AIObject``s, and their lists;
/// * their CustomResourceDefinition manifests (``AICustomResourceDefinitions``): structural schemas with
///   defaults and bounds, printer columns, short names, category `ai`, status and scale subresources —
///   installed by the embedded server on first start and printed by `aiconsole crds`;
/// * the admission rules beyond what a schema can say (``AIAdmission``), shared by the embedded
///   server and the controller.
///
/// It depends only on KubeCore.
public enum AIResourcesModule {}

/// The AI API's group and version.
public enum AIKinds {
  /// The API group.
  public static let group = "ai.aiconsole.dev"
  /// The served version.
  public static let version = "v1"
  /// `ai.aiconsole.dev/v1`.
  public static let apiVersion = "\(group)/\(version)"
}
