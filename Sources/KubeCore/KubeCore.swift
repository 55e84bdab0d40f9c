/// KubeCore owns the Kubernetes value types every other module shares: the ordered JSON value
/// that objects travel as, object metadata, conditions, owner references, group/version/kind
/// names, label and field selectors, quantities, JSON merge patch (RFC 7386), JSON patch
/// (RFC 6902) and the `Status` error shape. It does no I/O.
public enum KubeCoreModule {}
