/// Controller owns the AI operator: informers, the rate-limited work queue, one reconciler per AI
/// kind, revisions and rollbacks, workload runtimes, leader election and events. Its reconcilers
/// arrive with the controller issue; the module exists now so the dependency graph is fixed.
public enum AIController {}
