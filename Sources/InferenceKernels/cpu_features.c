// Runtime CPU feature detection: the fast kernels are compiled with
// per-function target attributes, so the binary stays portable and only
// calls them after this check.
#include "InferenceKernels.h"

int ick_cpu_features(void) {
#if defined(__x86_64__) || defined(__i386__)
    static int cached = -1;
    if (cached >= 0) return cached;
    int f = 0;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        f |= ICK_FEATURE_AVX2;
        // AVX-VNNI is CPUID.(EAX=7,ECX=1):EAX[4]; older compilers lack a
        // __builtin_cpu_supports name for it, so read CPUID directly.
        unsigned a, b, c, d;
        __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(1));
        if (a & (1u << 4)) f |= ICK_FEATURE_AVXVNNI;
        // The runtime's checks include the OS saving zmm state (XCR0).
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni"))
            f |= ICK_FEATURE_AVX512;
    }
    cached = f;
    return f;
#else
    return 0;
#endif
}

void ick_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}
