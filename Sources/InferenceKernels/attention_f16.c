// Attention helpers over the f16 KV cache: F16C converts 8 halves per
// instruction, which Swift's Float16 cannot do without ISA flags.
#include "InferenceKernels.h"
#include "kernels_x86.h"
#include <math.h>

#if defined(__x86_64__)
ICK_AVX2 void ick_f32_to_f16_avx2(int n, const float *src, uint16_t *dst) {
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128((__m128i *)(dst + i), _mm256_cvtps_ph(_mm256_loadu_ps(src + i), _MM_FROUND_TO_NEAREST_INT));
    for (; i < n; ++i) dst[i] = _cvtss_sh(src[i], _MM_FROUND_TO_NEAREST_INT);
}
#else
void ick_f32_to_f16_avx2(int n, const float *src, uint16_t *dst) {}
#endif

#if defined(__x86_64__)
// 16 lanes (lo = lanes 0-7, hi = lanes 8-15) reduced like _mm512_reduce_add_ps.
static inline ICK_AVX2 float ick_reduce16(__m256 lo, __m256 hi) { return ick_hsum(_mm256_add_ps(lo, hi)); }

// ggml_v_expf (AVX-512 form) on 8 lanes with the same operations; 2^n is
// applied per lane (scalbnf where the power itself would be subnormal).
static inline ICK_AVX2 __m256 ick_expf_ggml(__m256 x) {
    const __m256 r = _mm256_set1_ps(0x1.8p23f);
    const __m256 z = _mm256_fmadd_ps(x, _mm256_set1_ps(0x1.715476p+0f), r);
    const __m256 n = _mm256_sub_ps(z, r);
    const __m256 b = _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.7f7d1cp-20f),
                                      _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.62e4p-1f), x));
    const __m256 u = _mm256_mul_ps(b, b);
    const __m256 j = _mm256_fmadd_ps(
        _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_set1_ps(0x1.0e4020p-7f), b, _mm256_set1_ps(0x1.573e2ep-5f)), u,
                        _mm256_fmadd_ps(_mm256_set1_ps(0x1.555e66p-3f), b, _mm256_set1_ps(0x1.fffdb6p-2f))),
        u, _mm256_fmadd_ps(_mm256_set1_ps(0x1.ffffecp-1f), b, _mm256_set1_ps(1.0f)));
    float jv[8], nv[8], out[8];
    _mm256_storeu_ps(jv, j);
    _mm256_storeu_ps(nv, n);
    for (int l = 0; l < 8; ++l) {
        const float nl = nv[l];
        if (!(fabsf(nl) <= 192)) out[l] = nl <= 0 ? 0.0f : INFINITY;
        else if (nl >= -126) {
            const uint32_t bits = (uint32_t)((int)nl + 127) << 23;
            float pow2;
            memcpy(&pow2, &bits, 4);
            out[l] = jv[l] * pow2;
        } else out[l] = scalbnf(jv[l], (int)nl);
    }
    return _mm256_loadu_ps(out);
}

ICK_AVX2 void ick_softmax_f16_ggml_avx2(float *row, int count) {
    float maxv = -INFINITY;
    for (int i = 0; i < count; ++i) maxv = row[i] > maxv ? row[i] : maxv;
    const __m256 m = _mm256_set1_ps(maxv);
    double sum = 0;
    for (int i = 0; i < count; i += 16) {
        const __m256 lo = ick_expf_ggml(_mm256_sub_ps(_mm256_loadu_ps(row + i), m));
        const __m256 hi = ick_expf_ggml(_mm256_sub_ps(_mm256_loadu_ps(row + i + 8), m));
        _mm256_storeu_ps(row + i, lo);
        _mm256_storeu_ps(row + i + 8, hi);
        sum += ick_reduce16(lo, hi);
    }
    const __m256 inv = _mm256_set1_ps((float)(1.0 / sum));
    for (int i = 0; i < count; i += 8) {
        const __m128i h = _mm256_cvtps_ph(_mm256_mul_ps(_mm256_loadu_ps(row + i), inv), _MM_FROUND_TO_NEAREST_INT);
        _mm256_storeu_ps(row + i, _mm256_cvtph_ps(h));
    }
}
#else
void ick_softmax_f16_ggml_avx2(float *row, int count) {}
#endif
