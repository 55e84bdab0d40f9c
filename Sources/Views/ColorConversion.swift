/// Conversions between RGB, the xterm 256-colour palette and the 16 ANSI colours.
enum ColorConversion {
  /// xterm's default RGB values of the 16 ANSI colours.
  static let ansiRGB: [(Int, Int, Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
    (255, 255, 255),
  ]
  /// The six levels of each channel in the 6x6x6 colour cube.
  static let cubeLevels = [0, 95, 135, 175, 215, 255]

  /// RGB of a 256-palette index.
  static func rgb(ofIndex index: UInt8) -> (Int, Int, Int) {
    let i = Int(index)
    if i < 16 { return ansiRGB[i] }
    if i >= 232 {
      let g = 8 + 10 * (i - 232)
      return (g, g, g)
    }
    let c = i - 16
    return (cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
  }

  /// The nearest 256-palette index (cube or grey ramp) for an RGB colour.
  static func index(r: Int, g: Int, b: Int) -> UInt8 {
    func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
    let (lr, lg, lb) = (level(r), level(g), level(b))
    let cube = 16 + 36 * lr + 6 * lg + lb
    let cubeDistance = distance((r, g, b), (cubeLevels[lr], cubeLevels[lg], cubeLevels[lb]))
    let average = (r + g + b) / 3
    let greyIndex = min(23, max(0, (average - 3) / 10))
    let grey = 8 + 10 * greyIndex
    let greyDistance = distance((r, g, b), (grey, grey, grey))
    return UInt8(greyDistance < cubeDistance ? 232 + greyIndex : cube)
  }

  /// The nearest of the first `count` ANSI colours (8 or 16).
  static func ansi(r: Int, g: Int, b: Int, count: Int) -> UInt8 {
    var best = 0
    var bestDistance = Int.max
    for i in 0..<count {
      let d = distance((r, g, b), ansiRGB[i])
      if d < bestDistance {
        best = i
        bestDistance = d
      }
    }
    return UInt8(best)
  }

  private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
    let dr = a.0 - b.0
    let dg = a.1 - b.1
    let db = a.2 - b.2
    return 2 * dr * dr + 4 * dg * dg + 3 * db * db
  }

  /// `color` as the terminal in `mode` can show it.
  static func downgrade(_ color: Color, to mode: ColorMode) -> Color {
    switch (color, mode) {
    case (.default, _): return .default
    case (_, .none): return .default
    case (.ansi(let n), .ansi8): return .ansi(n & 7)
    case (.ansi, _): return color
    case (.indexed(let n), .ansi8), (.indexed(let n), .ansi16):
      let (r, g, b) = rgb(ofIndex: n)
      return .ansi(ansi(r: r, g: g, b: b, count: mode == .ansi8 ? 8 : 16))
    case (.indexed, _): return color
    case (.rgb(let r, let g, let b), .ansi8), (.rgb(let r, let g, let b), .ansi16):
      return .ansi(ansi(r: Int(r), g: Int(g), b: Int(b), count: mode == .ansi8 ? 8 : 16))
    case (.rgb(let r, let g, let b), .palette256): return .indexed(index(r: Int(r), g: Int(g), b: Int(b)))
    case (.rgb, .trueColor): return color
    }
  }
}
