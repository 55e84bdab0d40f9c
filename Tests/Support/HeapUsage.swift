#if canImport(Glibc)
  import Glibc
#endif

/// The bytes glibc's allocator has handed out and not had back (`mallinfo2()`'s `uordblks` plus
/// its mmapped blocks), for tests that bound what a structure costs per element.
public enum HeapUsage {
  /// glibc's `struct mallinfo2`: ten `size_t` fields, in declaration order.
  private struct MallInfo2 {
    var arena = 0, ordblks = 0, smblks = 0, hblks = 0, hblkhd = 0
    var usmblks = 0, fsmblks = 0, uordblks = 0, fordblks = 0, keepcost = 0
  }

  /// Bytes in use now, or nil where it cannot be read (not glibc on x86-64).
  public static func bytesInUse() -> Int? {
    #if canImport(Glibc) && arch(x86_64)
      // malloc.h is not in the Glibc module, so `mallinfo2` is found at run time. It returns its
      // 80-byte struct by value, which the x86-64 System V ABI passes back through a hidden
      // pointer in the first argument register: calling it as a one-pointer-argument function
      // with our struct's address is that same call.
      typealias Function = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer
      guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallinfo2") else { return nil }
      var info = MallInfo2()
      withUnsafeMutableBytes(of: &info) { _ = unsafeBitCast(symbol, to: Function.self)($0.baseAddress!) }
      return info.uordblks + info.hblkhd
    #else
      return nil
    #endif
  }

  /// The bytes `build` leaves allocated per element of what it returns (which stays alive while
  /// measured), over `count` elements; the least of `runs` tries, as tests running beside this
  /// one allocate too.
  public static func bytesPerElement<T>(count: Int, runs: Int = 3, _ build: () -> T) -> Double? {
    var least: Double?
    for _ in 0..<runs {
      guard let before = bytesInUse() else { return nil }
      let built = build()
      guard let after = bytesInUse() else { return nil }
      withExtendedLifetime(built) {}
      let perElement = Double(after - before) / Double(count)
      least = min(least ?? perElement, perElement)
    }
    return least
  }
}
