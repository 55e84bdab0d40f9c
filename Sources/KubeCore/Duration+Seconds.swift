extension Duration {
  /// The duration in seconds as a floating-point number, for rates, backoffs and timeouts.
  public var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }
}
