#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's file-descriptor limit (`RLIMIT_NOFILE`) and how much of it is in use.
///
/// A server that lets sockets take the last descriptors dies: libdispatch and the runtime need a
/// few for their own event and timer descriptors and trap without them (SIGILL seen at
/// `ulimit -n 1024` with 1,100 idle connections). So the limit is raised at start, as Go's
/// runtime has done since 1.19, and connections are refused while too few are left.
public enum DescriptorLimit {
  /// Raises the soft limit to the hard limit; returns the soft limit in force afterwards.
  @discardableResult
  public static func raiseToHardLimit() -> Int {
    var limit = rlimit()
    guard getrlimit(resourceKind, &limit) == 0 else { return 0 }
    if limit.rlim_cur < limit.rlim_max {
      var raised = limit
      raised.rlim_cur = limit.rlim_max
      if setrlimit(resourceKind, &raised) == 0 { return clamp(raised.rlim_cur) }
    }
    return clamp(limit.rlim_cur)
  }

  /// The soft limit now.
  public static func softLimit() -> Int {
    var limit = rlimit()
    guard getrlimit(resourceKind, &limit) == 0 else { return Int.max }
    return clamp(limit.rlim_cur)
  }

  /// How many descriptors are open, counted in `/proc/self/fd` (`/dev/fd` elsewhere); nil when
  /// they cannot be counted — which, since listing needs a descriptor, usually means none is left.
  public static func openCount() -> Int? {
    #if os(Linux)
      let directory = "/proc/self/fd"
    #else
      let directory = "/dev/fd"
    #endif
    guard let stream = opendir(directory) else { return nil }
    defer { closedir(stream) }
    var count = 0
    while let entry = readdir(stream) {
      let first = withUnsafeBytes(of: entry.pointee.d_name) { $0.first ?? 0 }
      if first != UInt8(ascii: ".") { count += 1 }
    }
    return count - 1  // the directory stream's own descriptor
  }

  #if os(Linux)
    private static let resourceKind = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
  #else
    private static let resourceKind = RLIMIT_NOFILE
  #endif

  private static func clamp(_ value: rlim_t) -> Int { value >= rlim_t(Int.max) ? Int.max : Int(value) }
}
