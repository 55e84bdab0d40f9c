/// ClusterClient owns talking to any Kubernetes API server: kubeconfig, TLS, credentials, REST
/// verbs, discovery, informers, pod logs and metrics scraping.
public enum ClusterClientModule {}
