// C shims over libncursesw for what Swift cannot import: macros, globals, and
// async-signal-safe terminal restoration.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

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

// ---- signal handling and emergency restore -------------------------------
// These statics are touched only from Views/TerminalSignals.swift (one Swift
// file, so one emitted copy) and from the handlers below. Handlers only call
// async-signal-safe functions (write, tcsetattr, signal, raise).

static int aic_wake_fd = -1;
static int aic_saved_valid = 0;
// Aggregates live in function-local statics: Swift's importer does not emit file-scope
// static arrays or structs, only scalars.
static inline struct termios *aic_saved_termios_slot(void) { static struct termios t; return &t; }
static inline char *aic_reset_bytes_slot(void) { static char b[256]; return b; }
#define AIC_RESET_CAPACITY 256
static int aic_reset_len = 0;
static volatile sig_atomic_t aic_pending_term = 0;
static volatile sig_atomic_t aic_pending_winch = 0;

static inline void aic_emergency_restore(void) {
  if (aic_reset_len > 0) { ssize_t r = write(STDOUT_FILENO, aic_reset_bytes_slot(), (size_t)aic_reset_len); (void)r; }
  if (aic_saved_valid) tcsetattr(STDIN_FILENO, TCSAFLUSH, aic_saved_termios_slot());
}

static inline void aic_wake_handler(int sig) {
  int saved = errno;
  char c = 'w';
  if (sig == SIGWINCH) { aic_pending_winch = 1; c = 'r'; }
  else { aic_pending_term = sig; c = 't'; }
  if (aic_wake_fd >= 0) { ssize_t r = write(aic_wake_fd, &c, 1); (void)r; }
  errno = saved;
}

static inline void aic_fatal_handler(int sig) {
  aic_emergency_restore();
  signal(sig, SIG_DFL);
  raise(sig);
}

/// Saves the terminal's current mode so every exit path can restore it.
static inline void aic_save_termios(void) {
  if (tcgetattr(STDIN_FILENO, aic_saved_termios_slot()) == 0) aic_saved_valid = 1;
}

/// Sets the bytes written to stdout on an emergency restore (fatal signal).
static inline void aic_set_reset_bytes(const char *bytes, int len) {
  if (len > AIC_RESET_CAPACITY) len = AIC_RESET_CAPACITY;
  memcpy(aic_reset_bytes_slot(), bytes, (size_t)len);
  aic_reset_len = len;
}

/// Installs handlers: SIGWINCH/SIGTERM/SIGINT/SIGHUP wake the loop through
/// `wake_fd`; fatal signals restore the terminal and re-raise.
static inline void aic_install_handlers(int wake_fd) {
  aic_wake_fd = wake_fd;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = aic_wake_handler;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGWINCH, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  struct sigaction fa;
  memset(&fa, 0, sizeof fa);
  sigemptyset(&fa.sa_mask);
  fa.sa_handler = aic_fatal_handler;
  fa.sa_flags = SA_RESETHAND;
  sigaction(SIGSEGV, &fa, NULL);
  sigaction(SIGBUS, &fa, NULL);
  sigaction(SIGILL, &fa, NULL);
  sigaction(SIGTRAP, &fa, NULL);
  sigaction(SIGABRT, &fa, NULL);
  sigaction(SIGFPE, &fa, NULL);
  sigset_t empty;
  sigemptyset(&empty);
  sigprocmask(SIG_SETMASK, &empty, NULL);
}

/// Restores default dispositions after the terminal was restored.
static inline void aic_uninstall_handlers(void) {
  int sigs[] = {SIGWINCH, SIGTERM, SIGINT, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
  aic_wake_fd = -1;
  aic_reset_len = 0;
}

/// Returns and clears the pending termination signal (0 when none).
static inline int aic_take_pending_term(void) { int s = aic_pending_term; aic_pending_term = 0; return s; }
/// Returns and clears the pending resize flag.
static inline int aic_take_pending_winch(void) { int s = aic_pending_winch; aic_pending_winch = 0; return s; }

#endif
