/// The direction a rectangle is split in.
public enum Direction: Hashable, Sendable {
  /// Side by side, left to right.
  case horizontal
  /// Stacked, top to bottom.
  case vertical
}

/// How much of a split one part gets: a minimum, then a share of what is left by weight.
public struct Constraint: Hashable, Sendable {
  /// Share of the space left after every minimum (0 for fixed parts).
  public var weight: Int
  /// Cells this part gets before any sharing.
  public var minimum: Int
  /// Cells this part never exceeds, if any.
  public var maximum: Int?

  /// A part with `weight` shares and at least `minimum` cells.
  public static func weight(_ weight: Int, minimum: Int = 0) -> Constraint {
    Constraint(weight: weight, minimum: minimum, maximum: nil)
  }

  /// A part of exactly `cells` (less only when there is not enough room).
  public static func fixed(_ cells: Int) -> Constraint {
    Constraint(weight: 0, minimum: cells, maximum: cells)
  }
}

/// Splits rectangles by constraints.
public enum Layout {
  /// Splits `rect` into one part per constraint, `spacing` cells apart. Minimums are met first
  /// (when they cannot all be met, the last parts shrink), then the rest is shared by weight.
  public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint], spacing: Int = 0)
    -> [Rect]
  {
    guard !constraints.isEmpty else { return [] }
    let total = direction == .horizontal ? rect.width : rect.height
    let available = max(0, total - spacing * (constraints.count - 1))
    let sizes = distribute(available, constraints)
    var offset = 0
    return sizes.map { size in
      defer { offset += size + spacing }
      switch direction {
      case .horizontal: return Rect(x: rect.x + offset, y: rect.y, width: size, height: rect.height)
      case .vertical: return Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: size)
      }
    }
  }

  static func distribute(_ available: Int, _ constraints: [Constraint]) -> [Int] {
    var sizes = constraints.map(\.minimum)
    var remaining = available
    for i in sizes.indices {
      sizes[i] = min(sizes[i], remaining)
      remaining -= sizes[i]
    }
    var flexible = constraints.indices.filter { constraints[$0].weight > 0 && !isFull(sizes[$0], constraints[$0]) }
    while remaining > 0 && !flexible.isEmpty {
      let weights = flexible.map { constraints[$0].weight }.reduce(0, +)
      var given = 0
      for i in flexible {
        var share = remaining * constraints[i].weight / weights
        if let maximum = constraints[i].maximum { share = min(share, maximum - sizes[i]) }
        sizes[i] += share
        given += share
      }
      if given == 0, let first = flexible.first {
        sizes[first] += 1
        given = 1
      }
      remaining -= given
      flexible = flexible.filter { !isFull(sizes[$0], constraints[$0]) }
    }
    return sizes
  }

  private static func isFull(_ size: Int, _ constraint: Constraint) -> Bool {
    constraint.maximum.map { size >= $0 } ?? false
  }
}
