#include "CNcursesShim.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <langinfo.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <errno.h>

static SCREEN *screen = NULL;
static int started = 0;

int ic_start(const char *preferred_term) {
    if (started) return 0;
    if (preferred_term) screen = newterm(preferred_term, stdout, stdin);
    if (!screen) screen = newterm(NULL, stdout, stdin);
    if (!screen) return -1;
    set_term(screen);
    started = 1;
    return 0;
}

void ic_stop(void) {
    if (!started) return;
    started = 0;
    endwin();
}

int ic_is_started(void) { return started; }

void ic_resume(void) {
    if (!screen || started) return;
    started = 1;
    reset_prog_mode();
    wrefresh(stdscr);
}

void ic_setup_input(void) {
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
}

int ic_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}
int ic_lines(void) { return LINES; }
int ic_cols(void) { return COLS; }
int ic_colors(void) { return COLORS; }
int ic_color_pairs(void) { return COLOR_PAIRS; }
int ic_has_rgb(void) { return tigetflag("RGB") > 0; }
void ic_set_escdelay(int milliseconds) { set_escdelay(milliseconds); }

int ic_sync_size(void) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return 0;
    if (size.ws_row == LINES && size.ws_col == COLS) return 0;
    resizeterm(size.ws_row, size.ws_col);
    return 1;
}

int ic_get_wch(uint32_t *value) {
    wint_t ch = 0;
    int kind = wget_wch(stdscr, &ch);
    *value = (uint32_t)ch;
    if (kind == KEY_CODE_YES) return 1;
    if (kind == OK) return 0;
    return -1;
}

void ic_set_input_timeout(int milliseconds) { wtimeout(stdscr, milliseconds); }

int ic_bind_sequence(const char *sequence, int code) {
    int known = key_defined(sequence);
    if (known > 0) return known;
    if (code <= 0) return 0;
    if (define_key(sequence, code) != OK) return 0;
    return code;
}

const char *ic_key_sequence(const char *capability) {
    char *value = tigetstr(capability);
    if (value == NULL || value == (char *)-1) return NULL;
    return value;
}

int ic_key_f(int n) { return KEY_F(n); }

int ic_key_code(const char *name) {
    static const struct { const char *name; int code; } table[] = {
        {"up", KEY_UP}, {"down", KEY_DOWN}, {"left", KEY_LEFT}, {"right", KEY_RIGHT},
        {"home", KEY_HOME}, {"end", KEY_END}, {"ppage", KEY_PPAGE}, {"npage", KEY_NPAGE},
        {"dc", KEY_DC}, {"ic", KEY_IC}, {"backspace", KEY_BACKSPACE}, {"enter", KEY_ENTER},
        {"btab", KEY_BTAB}, {"resize", KEY_RESIZE}, {"sleft", KEY_SLEFT}, {"sright", KEY_SRIGHT},
        {"sr", KEY_SR}, {"sf", KEY_SF}, {"shome", KEY_SHOME}, {"send", KEY_SEND},
        {"sprevious", KEY_SPREVIOUS}, {"snext", KEY_SNEXT}, {"sdc", KEY_SDC}, {"sic", KEY_SIC},
        {"a1", KEY_A1}, {"a3", KEY_A3}, {"c1", KEY_C1}, {"c3", KEY_C3}, {"b2", KEY_B2},
        {"max", KEY_MAX},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0) return table[i].code;
    return 0;
}

attr_t ic_attributes(unsigned flags) {
    attr_t a = A_NORMAL;
    if (flags & 1) a |= A_BOLD;
#ifdef A_ITALIC
    if (flags & 2) a |= A_ITALIC;
#endif
    if (flags & 4) a |= A_UNDERLINE;
    if (flags & 8) a |= A_DIM;
    if (flags & 16) a |= A_REVERSE;
    return a;
}

int ic_start_color(int use_default) {
    if (!has_colors()) return -1;
    if (start_color() != OK) return -1;
    if (use_default) use_default_colors();
    return 0;
}

int ic_init_pair(int pair, int fg, int bg) {
    return init_extended_pair(pair, fg, bg) == OK ? 0 : -1;
}

void ic_put_cell(int row, int col, const wchar_t *text, int length, attr_t attributes, int pair) {
    wchar_t buffer[CCHARW_MAX + 1];
    int n = length < CCHARW_MAX ? length : CCHARW_MAX;
    memcpy(buffer, text, (size_t)n * sizeof(wchar_t));
    buffer[n] = 0;
    cchar_t cell;
    setcchar(&cell, buffer, attributes, 0, &pair);
    mvwadd_wch(stdscr, row, col, &cell);
}

void ic_clear_to_eol(int row, int col, int pair) {
    wmove(stdscr, row, col);
    wattr_set(stdscr, A_NORMAL, 0, &pair);
    wclrtoeol(stdscr);
    wattr_set(stdscr, A_NORMAL, 0, NULL);
}

void ic_move(int row, int col) { wmove(stdscr, row, col); }
void ic_cursor_visible(int visible) { curs_set(visible ? 1 : 0); }
void ic_refresh(void) { wrefresh(stdscr); }
void ic_clear_ok(void) { clearok(stdscr, TRUE); }

void ic_write_raw(const char *bytes, int length) {
    fflush(stdout);
    ssize_t off = 0;
    while (off < length) {
        ssize_t n = write(STDOUT_FILENO, bytes + off, (size_t)(length - off));
        if (n <= 0) break;
        off += n;
    }
}

static volatile sig_atomic_t signal_fd = -1;

static void on_signal(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    if (signal_fd >= 0) (void)!write(signal_fd, &byte, 1);
    errno = saved;
}

void ic_route_signals_to_pipe(int write_fd) {
    signal_fd = write_fd;
    int signals[] = {SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT, SIGQUIT};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(signals[i], &action, NULL);
    }
    // A parent may have started us with these blocked (threads of a test
    // runner do); a blocked SIGTERM or SIGHUP would never reach the loop.
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaddset(&set, signals[i]);
    sigaddset(&set, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

void ic_stop_process(void) {
    struct sigaction def, old;
    memset(&def, 0, sizeof def);
    def.sa_handler = SIG_DFL;
    sigemptyset(&def.sa_mask);
    sigaction(SIGTSTP, &def, &old);
    sigset_t set, oldset;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &set, &oldset);
    raise(SIGTSTP);
    // Execution continues here after SIGCONT.
    sigprocmask(SIG_SETMASK, &oldset, NULL);
    sigaction(SIGTSTP, &old, NULL);
}
