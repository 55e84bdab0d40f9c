/// EmbeddedCluster owns the Kubernetes-compatible API server that aiconsole runs when no cluster
/// is at hand: revisioned storage in SQLite, HTTPS serving with bearer-token auth, discovery and
/// OpenAPI, CRDs registered at run time with structural-schema admission, list/watch with
/// bookmarks and `410 Gone`, the patch flavours kubectl sends, the status/scale/log subresources,
/// Table output and garbage collection by owner references. `ControlPlane` is its entry point.
public enum EmbeddedClusterModule {}
