// C shims over libncursesw for what Swift cannot import (macros, globals), and the
// async-signal-safe terminal restoration of TerminalSignals.c. The inline wrappers hold no state;
// the signal state lives once, in TerminalSignals.c (a static in this header would exist once per
// file that includes it, and a handler would set a copy that the input loop never reads).
#ifndef CNCURSES_H
#define CNCURSES_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <errno.h>
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <poll.h>

#undef lines
#undef columns

/// The standard screen (a global that Swift 6 refuses as not concurrency-safe).
static inline WINDOW *aic_stdscr(void) { return stdscr; }
/// Number of lines ncurses believes the screen has.
static inline int aic_lines(void) { return LINES; }
/// Number of columns ncurses believes the screen has.
static inline int aic_cols(void) { return COLS; }
/// Number of colours the terminal supports (0 before start_color).
static inline int aic_colors(void) { return COLORS; }
/// The function-key code for F(n).
static inline int aic_key_f(int n) { return KEY_F(n); }
/// Size of a window through the getmaxyx macro.
static inline void aic_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
/// Number of colours terminfo declares, or -1 when setupterm has not run.
static inline int aic_terminfo_colors(void) { return tigetnum((char *)"colors"); }

/// Starts curses on stdin/stdout without exiting on failure (unlike initscr); NULL on failure.
static inline SCREEN *aic_newterm(void) { return newterm(NULL, stdout, stdin); }

/// A terminfo string capability, or NULL when absent or not a string.
static inline const char *aic_tigetstr(const char *name) {
  char *s = tigetstr((char *)name);
  if (s == NULL || s == (char *)-1) return NULL;
  return s;
}

/// Queries the kernel for the terminal size of `fd`; returns 0 on success.
static inline int aic_winsize(int fd, int *rows, int *cols) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
  *rows = ws.ws_row;
  *cols = ws.ws_col;
  return 0;
}

/// Whether the current LC_CTYPE codeset is UTF-8.
static inline int aic_codeset_is_utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

// ---- signal handling and emergency restore (TerminalSignals.c) -------------
// Handlers only call async-signal-safe functions (write, tcsetattr, signal, raise).

/// Saves the terminal's current mode so every exit path can restore it.
void aic_save_termios(void);
/// Sets the bytes written to stdout on an emergency restore (fatal signal); at most 256 are kept.
void aic_set_reset_bytes(const char *bytes, int len);
/// Writes the reset bytes and restores the saved terminal mode (async-signal-safe).
void aic_emergency_restore(void);
/// Installs handlers: SIGWINCH/SIGTERM/SIGINT/SIGHUP wake the loop through `wake_fd`; fatal
/// signals restore the terminal and re-raise. Also clears the signal mask a parent may have left
/// blocked.
void aic_install_handlers(int wake_fd);
/// Restores default dispositions after the terminal was restored.
void aic_uninstall_handlers(void);
/// Returns and clears the pending termination signal (0 when none).
int aic_take_pending_term(void);
/// Returns and clears the pending resize flag.
int aic_take_pending_winch(void);

#endif
