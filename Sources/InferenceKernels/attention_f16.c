// Attention helpers over the f16 KV cache: F16C converts 8 halves per
// instruction, which Swift's Float16 cannot do without ISA flags.
#include "InferenceKernels.h"
#include "kernels_x86.h"

#if defined(__x86_64__)
ICK_AVX2 float ick_dot_f16_avx2(int n, const uint16_t *k, const float *q) {
    __m256 c0 = _mm256_setzero_ps(), c1 = c0;
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        c0 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(k + i))), _mm256_loadu_ps(q + i), c0);
        c1 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(k + i + 8))), _mm256_loadu_ps(q + i + 8), c1);
    }
    float s = ick_hsum(_mm256_add_ps(c0, c1));
    for (; i < n; ++i) s += _cvtsh_ss(k[i]) * q[i];
    return s;
}

ICK_AVX2 void ick_axpy_f16_avx2(int n, float a, const uint16_t *v, float *y) {
    const __m256 va = _mm256_set1_ps(a);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 x = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(v + i)));
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(va, x, _mm256_loadu_ps(y + i)));
    }
    for (; i < n; ++i) y[i] += a * _cvtsh_ss(v[i]);
}

ICK_AVX2 void ick_f32_to_f16_avx2(int n, const float *src, uint16_t *dst) {
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128((__m128i *)(dst + i), _mm256_cvtps_ph(_mm256_loadu_ps(src + i), _MM_FROUND_TO_NEAREST_INT));
    for (; i < n; ++i) dst[i] = _cvtss_sh(src[i], _MM_FROUND_TO_NEAREST_INT);
}
#else
float ick_dot_f16_avx2(int n, const uint16_t *k, const float *q) { return 0; }
void ick_axpy_f16_avx2(int n, float a, const uint16_t *v, float *y) {}
void ick_f32_to_f16_avx2(int n, const float *src, uint16_t *dst) {}
#endif

#if defined(__x86_64__)
// One pass over the keys for all heads of a group: each key row is
// converted from f16 once instead of once per head. hd must be a multiple of 16.
ICK_AVX2 void ick_gqa_scores_f16_avx2(int hd, int nq, const float *q, const uint16_t *k, size_t stride,
                                      int count, float *scores, size_t ld) {
    for (int i = 0; i < count; ++i) {
        const uint16_t *kr = k + (size_t)i * stride;
        __m256 a0[4], a1[4];
        for (int h = 0; h < 4; ++h) { a0[h] = _mm256_setzero_ps(); a1[h] = _mm256_setzero_ps(); }
        for (int d = 0; d < hd; d += 16) {
            const __m256 k0 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(kr + d)));
            const __m256 k1 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(kr + d + 8)));
            for (int h = 0; h < nq; ++h) {
                a0[h] = _mm256_fmadd_ps(k0, _mm256_loadu_ps(q + (size_t)h * hd + d), a0[h]);
                a1[h] = _mm256_fmadd_ps(k1, _mm256_loadu_ps(q + (size_t)h * hd + d + 8), a1[h]);
            }
        }
        for (int h = 0; h < nq; ++h) scores[(size_t)h * ld + i] = ick_hsum(_mm256_add_ps(a0[h], a1[h]));
    }
}

ICK_AVX2 void ick_gqa_values_f16_avx2(int hd, int nq, const float *p, size_t ld, const uint16_t *v, size_t stride,
                                      int count, float *out) {
    for (int d = 0; d < hd; d += 32) {
        __m256 acc[4][4];
        for (int h = 0; h < nq; ++h)
            for (int c = 0; c < 4; ++c) acc[h][c] = _mm256_loadu_ps(out + (size_t)h * hd + d + 8 * c);
        for (int i = 0; i < count; ++i) {
            const uint16_t *vr = v + (size_t)i * stride + d;
            __m256 x[4];
            for (int c = 0; c < 4; ++c) x[c] = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(vr + 8 * c)));
            for (int h = 0; h < nq; ++h) {
                const __m256 w = _mm256_set1_ps(p[(size_t)h * ld + i]);
                for (int c = 0; c < 4; ++c) acc[h][c] = _mm256_fmadd_ps(w, x[c], acc[h][c]);
            }
        }
        for (int h = 0; h < nq; ++h)
            for (int c = 0; c < 4; ++c) _mm256_storeu_ps(out + (size_t)h * hd + d + 8 * c, acc[h][c]);
    }
}
#else
void ick_gqa_scores_f16_avx2(int hd, int nq, const float *q, const uint16_t *k, size_t stride,
                             int count, float *scores, size_t ld) {}
void ick_gqa_values_f16_avx2(int hd, int nq, const float *p, size_t ld, const uint16_t *v, size_t stride,
                             int count, float *out) {}
#endif
