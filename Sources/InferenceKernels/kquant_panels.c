// The per-thread buffer the K-quant kernels repack weight rows into.
#include "kquant_panels.h"

#if defined(__x86_64__)

static _Atomic int panels_allowed = 1;

void ick_kquant_allow_panels(int allowed) { panels_allowed = allowed; }

// One growing panel buffer per thread (a few tens of KiB for this model).
uint8_t *ick_kquant_panel_buffer(size_t bytes) {
    static _Thread_local uint8_t *buffer;
    static _Thread_local size_t capacity;
    if (!panels_allowed) return NULL;
    if (bytes > capacity) {
        free(buffer);
        capacity = (bytes + 4095) & ~(size_t)4095;
        buffer = aligned_alloc(64, capacity);
        if (!buffer) capacity = 0;
    }
    return buffer;
}
#else
void ick_kquant_allow_panels(int allowed) {}
#endif
