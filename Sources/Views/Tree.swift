/// A node of a tree: an id, a label, an optional role and children.
public struct TreeNode: Hashable, Sendable {
  /// Stable identity.
  public var id: String
  /// Text shown.
  public var label: String
  /// Optional style role for the label.
  public var role: ThemeRole?
  /// Child nodes.
  public var children: [TreeNode]

  /// Creates a node.
  public init(id: String, label: String, role: ThemeRole? = nil, children: [TreeNode] = []) {
    self.id = id
    self.label = label
    self.role = role
    self.children = children
  }
}

/// One visible line of a tree: the node and the guide drawn before it.
public struct TreeLine: Hashable, Sendable {
  /// The node.
  public var node: TreeNode
  /// `│ ├─` guides for its depth.
  public var guide: String
}

/// Which nodes are expanded and selected.
public struct TreeState: Hashable, Sendable {
  /// Ids of expanded nodes.
  public var expanded: Set<String>
  /// Id of the selected node.
  public var selectedID: String?

  /// Creates a state.
  public init(expanded: Set<String> = [], selectedID: String? = nil) {
    self.expanded = expanded
    self.selectedID = selectedID
  }

  /// The lines shown for `roots` (children of collapsed nodes are skipped).
  public func lines(_ roots: [TreeNode]) -> [TreeLine] {
    var out: [TreeLine] = []
    func walk(_ nodes: [TreeNode], prefix: String, depth: Int) {
      for (i, node) in nodes.enumerated() {
        let last = i == nodes.count - 1
        let branch = depth == 0 ? "" : (last ? "└─" : "├─")
        let marker = node.children.isEmpty ? "  " : (expanded.contains(node.id) ? "▾ " : "▸ ")
        out.append(TreeLine(node: node, guide: prefix + branch + marker))
        if expanded.contains(node.id) {
          walk(node.children, prefix: depth == 0 ? "" : prefix + (last ? "  " : "│ "), depth: depth + 1)
        }
      }
    }
    walk(roots, prefix: "", depth: 0)
    return out
  }

  /// Handles a key: up/down (j/k) move, right/enter expand, left collapse (or go to the parent).
  public mutating func handle(_ key: KeyEvent, roots: [TreeNode]) {
    let lines = lines(roots)
    guard !lines.isEmpty else { return }
    let position = lines.firstIndex { $0.node.id == selectedID } ?? 0
    let node = lines[position].node
    switch key.key {
    case .down, .char("j"): selectedID = lines[min(lines.count - 1, position + 1)].node.id
    case .up, .char("k"): selectedID = lines[max(0, position - 1)].node.id
    case .right, .enter, .char("l"): if !node.children.isEmpty { expanded.insert(node.id) }
    case .left, .char("h"):
      if expanded.contains(node.id) {
        expanded.remove(node.id)
      } else if let parent = TreeState.parent(of: node.id, in: roots) {
        selectedID = parent
      }
    default: selectedID = node.id
    }
  }

  static func parent(of id: String, in nodes: [TreeNode], parentID: String? = nil) -> String? {
    for node in nodes {
      if node.id == id { return parentID }
      if let found = parent(of: id, in: node.children, parentID: node.id) { return found }
    }
    return nil
  }
}

/// Draws a tree with expand markers and guides, scrolled so the selection is visible.
public struct TreeView: Sendable {
  /// The top-level nodes.
  public var roots: [TreeNode]

  /// Creates a tree view.
  public init(roots: [TreeNode]) {
    self.roots = roots
  }

  /// Draws the visible lines.
  public func render(into buffer: inout ScreenBuffer, area: Rect, state: TreeState, theme: Theme) {
    guard !area.isEmpty else { return }
    let lines = state.lines(roots)
    let selected = lines.firstIndex { $0.node.id == state.selectedID } ?? 0
    let first = max(0, selected - area.height + 1)
    for (row, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
      let y = area.y + row
      let isSelected = first + row == selected
      let base = line.node.role.map { theme[.text].patched(with: theme[$0]) } ?? theme[.text]
      let style = isSelected ? theme[.tableSelection] : base
      if isSelected { buffer.fill(area.row(row), style: style) }
      let used = buffer.put(
        line.guide, x: area.x, y: y, maxWidth: area.width, style: isSelected ? style : theme[.treeGuide])
      buffer.put(line.node.label, x: area.x + used, y: y, maxWidth: area.width - used, style: style)
    }
  }
}
