/// Views: the terminal toolkit of aiconsole.
///
/// This module owns everything between a value describing what to show and the bytes a terminal
/// receives: the cell buffer (`ScreenBuffer`), display widths, the frame diff that writes only
/// changed cells (`FrameDiff`), the `Terminal` backends (ncurses and in-memory), key decoding and
/// the input loop, layout, themes, and the widgets. It knows nothing of Kubernetes. Widgets are
/// pure functions that draw into a `ScreenBuffer`; only `NCursesTerminal` touches the terminal.
public enum ViewsModule {
  /// The smallest terminal the console lays out for; below it a "too small" screen is shown.
  public static let minimumSize = Size(width: 80, height: 24)
}
