import AIResources

extension ScaleBounds {
  /// Throws the rule's refusal when `target` cannot be scaled to `replicas`.
  func check(_ replicas: Int, target: String) throws(OperationError) {
    if let refusal = refusal(replicas, target: target) { throw OperationError(.badInput, refusal) }
  }
}
