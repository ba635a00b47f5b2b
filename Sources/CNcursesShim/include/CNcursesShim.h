#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
/// Placeholder until the Terminal issue lands the real shim.
int intercut_shim_version(void);
#endif
