/// One GPU as the DCGM exporter reports it. A field the GPU does not support (the exporter's
/// blank sentinel, around 2^31, 2^47 or 2^63 by field type) is nil and shows as N/A.
struct GPUMetricsRow: Hashable, Sendable {
  /// The node (`Hostname`, or `hostname` in older exporters).
  var node: String
  /// The index on the node (`gpu`).
  var index: String
  /// `UUID`.
  var uuid: String
  /// The product (`modelName`, such as `NVIDIA H100 80GB HBM3`).
  var product: String
  /// The namespace of the pod holding it; empty when free.
  var namespace: String
  /// The pod holding it; empty when free.
  var pod: String
  /// Utilisation in percent (`DCGM_FI_DEV_GPU_UTIL`).
  var utilisation: Double?
  /// Framebuffer used, MiB (`DCGM_FI_DEV_FB_USED`).
  var memoryUsedMiB: Double?
  /// Framebuffer free, MiB (`DCGM_FI_DEV_FB_FREE`).
  var memoryFreeMiB: Double?
  /// Power draw in watts (`DCGM_FI_DEV_POWER_USAGE`).
  var powerWatts: Double?
  /// Temperature in °C (`DCGM_FI_DEV_GPU_TEMP`).
  var temperatureCelsius: Double?

  /// Used plus free, when both are known.
  var memoryTotalMiB: Double? {
    guard let used = memoryUsedMiB, let free = memoryFreeMiB else { return nil }
    return used + free
  }

  /// Used over total, when known and the total is not zero.
  var memoryRatio: Double? {
    guard let used = memoryUsedMiB, let total = memoryTotalMiB, total > 0 else { return nil }
    return used / total
  }

  /// The smallest blank DCGM writes (`DCGM_INT32_BLANK`, 0x7ffffff0); its 64-bit and
  /// floating-point blanks (`DCGM_INT64_BLANK`, `DCGM_FP64_BLANK` = 2^47) are larger. No real
  /// reading of these fields comes near it.
  static let blankThreshold = Double(0x7fff_fff0)

  /// The value, or nil when it is the exporter's "not supported" sentinel or not a number.
  static func reading(_ value: Double) -> Double? {
    value.isFinite && abs(value) < blankThreshold ? value : nil
  }
}
