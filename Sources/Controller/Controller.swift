/// Controller owns the AI operator: informers, the rate-limited work queue, one reconciler per AI
/// kind, revisions and rollbacks, workload runtimes, leader election and events. The runtime
/// (`WorkQueue`, `KindController`, `StatusWriter`, `LeaderElection`) is here; the reconcilers of
/// the six kinds build on it.
public enum ControllerModule {}
