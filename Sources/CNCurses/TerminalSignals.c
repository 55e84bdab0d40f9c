// The process-wide signal state of the ncurses backend, defined once: SIGWINCH, SIGTERM, SIGINT
// and SIGHUP set a flag and write a byte to the input loop's wake pipe; fatal signals write the
// reset sequence, restore the saved terminal mode and re-raise, so the terminal is restored even
// on a crash. Handlers only call async-signal-safe functions (write, tcsetattr, signal, raise).
#include "CNCurses.h"

#define AIC_RESET_CAPACITY 256

static int wake_fd = -1;
static int saved_valid = 0;
static struct termios saved_termios;
static char reset_bytes[AIC_RESET_CAPACITY];
static int reset_len = 0;
static volatile sig_atomic_t pending_term = 0;
static volatile sig_atomic_t pending_winch = 0;

void aic_emergency_restore(void) {
  if (reset_len > 0) { ssize_t r = write(STDOUT_FILENO, reset_bytes, (size_t)reset_len); (void)r; }
  if (saved_valid) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
}

static void wake_handler(int sig) {
  int saved = errno;
  char c = 'w';
  if (sig == SIGWINCH) { pending_winch = 1; c = 'r'; }
  else { pending_term = sig; c = 't'; }
  if (wake_fd >= 0) { ssize_t r = write(wake_fd, &c, 1); (void)r; }
  errno = saved;
}

static void fatal_handler(int sig) {
  aic_emergency_restore();
  signal(sig, SIG_DFL);
  raise(sig);
}

void aic_save_termios(void) {
  if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) saved_valid = 1;
}

void aic_set_reset_bytes(const char *bytes, int len) {
  if (len > AIC_RESET_CAPACITY) len = AIC_RESET_CAPACITY;
  if (len < 0) len = 0;
  memcpy(reset_bytes, bytes, (size_t)len);
  reset_len = len;
}

void aic_install_handlers(int fd) {
  wake_fd = fd;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = wake_handler;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGWINCH, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  struct sigaction fa;
  memset(&fa, 0, sizeof fa);
  sigemptyset(&fa.sa_mask);
  fa.sa_handler = fatal_handler;
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

void aic_uninstall_handlers(void) {
  int sigs[] = {SIGWINCH, SIGTERM, SIGINT, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
  wake_fd = -1;
  reset_len = 0;
}

int aic_take_pending_term(void) {
  int s = pending_term;
  pending_term = 0;
  return s;
}

int aic_take_pending_winch(void) {
  int s = pending_winch;
  pending_winch = 0;
  return s;
}
