#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

// Wide-character ncurses: get_wch, cchar_t, setcchar, extended colour pairs.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>
#include <stdint.h>

// Swift cannot import ncurses' function-like macros (KEY_F, A_*) and sees its
// mutable globals (stdscr, LINES, COLS, COLORS, ESCDELAY) as unsafe shared
// state under strict concurrency. These functions are the whole bridge; only
// the Terminal module's UI-loop thread calls them.

/// Starts ncurses on stdin/stdout, first trying `preferred_term` (may be NULL),
/// then $TERM. Returns 0 on success, -1 if no terminal description was found.
int ic_start(const char *preferred_term);
/// Restores the terminal (endwin) if started; safe to call more than once and
/// from atexit.
void ic_stop(void);
int ic_is_started(void);
/// Takes the terminal back after ic_stop (resume from suspend).
void ic_resume(void);
/// raw, noecho, nonl, keypad: every key reaches us, ^S/^Q/^Z/^C included.
void ic_setup_input(void);
/// 1 if the locale's character set is UTF-8.
int ic_locale_is_utf8(void);

int ic_lines(void);
int ic_cols(void);
int ic_colors(void);
int ic_color_pairs(void);
int ic_has_rgb(void);
void ic_set_escdelay(int milliseconds);
/// Re-reads the window size from the tty; if it differs from LINES/COLS,
/// resizes curses to it and returns 1. Covers SIGWINCHes ncurses coalesced.
int ic_sync_size(void);

/// get_wch on stdscr. Returns 0 for a character (in *value), 1 for a key code
/// (in *value), -1 when no input is ready.
int ic_get_wch(uint32_t *value);
/// Blocking mode for ic_get_wch: 0 = never wait.
void ic_set_input_timeout(int milliseconds);

/// The code ncurses returns for `sequence`, or 0 if unknown; defines it as
/// `code` first when `code` > 0 and the sequence is not yet known.
int ic_bind_sequence(const char *sequence, int code);
/// The escape sequence terminfo gives for a key capability (e.g. "kLFT5"), or NULL.
const char *ic_key_sequence(const char *capability);

int ic_key_f(int n);
int ic_key_code(const char *name);

/// Attribute bits for A_BOLD etc., from CellAttributes-style flags:
/// 1 bold, 2 italic, 4 underline, 8 dim, 16 reverse.
attr_t ic_attributes(unsigned flags);

/// Colour setup; returns 0 on success. fg/bg -1 is the terminal default.
int ic_start_color(int use_default_colors);
int ic_init_pair(int pair, int fg, int bg);

/// Draws one cell at (row, col): up to 5 wide chars (base + combining).
void ic_put_cell(int row, int col, const wchar_t *text, int length, attr_t attributes, int pair);
void ic_clear_to_eol(int row, int col, int pair);
void ic_move(int row, int col);
void ic_cursor_visible(int visible);
void ic_refresh(void);
/// Marks the whole screen for repaint on the next refresh.
void ic_clear_ok(void);

/// Writes raw bytes to the terminal, bypassing ncurses (bracketed paste mode,
/// OSC 52). Flushes ncurses' pending output first.
void ic_write_raw(const char *bytes, int length);

/// Routes SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT and SIGQUIT to a pipe:
/// the handler only writes the signal number (async-signal-safe).
void ic_route_signals_to_pipe(int write_fd);
/// Stops the process as SIGTSTP's default action would; returns on SIGCONT.
void ic_stop_process(void);

#endif
