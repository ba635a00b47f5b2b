#include "CNcursesShim.h"
int intercut_shim_version(void) { return 1; }
