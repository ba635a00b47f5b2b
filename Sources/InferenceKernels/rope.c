// RoPE and the q scaling for attention. RoPE needs ggml-cpu's fused
// multiply-adds (GCC contracts its rotation), which baseline-x86-64 Swift
// only reaches through libm fmaf calls.
#include "InferenceKernels.h"
#include "kernels_x86.h"
#include <math.h>

#if defined(__x86_64__)
ICK_AVX2 void ick_rope_neox_avx2(int half, int rows, float *x, size_t stride, const float *cs) {
    const float *cosv = cs, *sinv = cs + half;
    for (int r = 0; r < rows; ++r) {
        float *a = x + (size_t)r * stride, *b = a + half;
        int i = 0;
        for (; i + 8 <= half; i += 8) {
            const __m256 x0 = _mm256_loadu_ps(a + i), x1 = _mm256_loadu_ps(b + i);
            const __m256 c = _mm256_loadu_ps(cosv + i), s = _mm256_loadu_ps(sinv + i);
            _mm256_storeu_ps(a + i, _mm256_fmsub_ps(x0, c, _mm256_mul_ps(x1, s)));
            _mm256_storeu_ps(b + i, _mm256_fmadd_ps(x0, s, _mm256_mul_ps(x1, c)));
        }
        for (; i < half; ++i) {
            const float x0 = a[i], x1 = b[i];
            a[i] = fmaf(x0, cosv[i], -(x1 * sinv[i]));
            b[i] = fmaf(x0, sinv[i], x1 * cosv[i]);
        }
    }
}

ICK_AVX2 void ick_scale_round_f16_avx2(int n, float *x, float scale) {
    const __m256 s = _mm256_set1_ps(scale);
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(x + i, _mm256_cvtph_ps(_mm256_cvtps_ph(_mm256_mul_ps(_mm256_loadu_ps(x + i), s),
                                                                _MM_FROUND_TO_NEAREST_INT)));
    for (; i < n; ++i) x[i] = _cvtsh_ss(_cvtss_sh(x[i] * scale, _MM_FROUND_TO_NEAREST_INT));
}
#else
void ick_rope_neox_avx2(int half, int rows, float *x, size_t stride, const float *cs) {}
void ick_scale_round_f16_avx2(int n, float *x, float scale) {}
#endif
