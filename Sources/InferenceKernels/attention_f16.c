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

// Attention in llama.cpp's float order. For one token (decode) ggml computes
// q.k and p.v with ggml_vec_dot_f16, which in its AVX-512 build keeps 4
// accumulators of 16 lanes: element i goes to slot i % 64, one FMA chain per
// slot; then acc0+acc2, acc1+acc3, their sum, and a halving tree over the 16
// lanes (GCC's _mm512_reduce_add_ps). For a batch (prefill) its llamafile
// sgemm keeps one 16-lane accumulator (slot i % 16) and the same tree.
// `slots` is 64 or 16 accordingly. For p.v, i is the key's position (its KV
// cell in llama.cpp's single-sequence cache). Rows are given per position; a
// NULL row is a masked position.

#if defined(__x86_64__)
// 16 lanes (lo = lanes 0-7, hi = lanes 8-15) reduced like _mm512_reduce_add_ps.
static inline ICK_AVX2 float ick_reduce16(__m256 lo, __m256 hi) { return ick_hsum(_mm256_add_ps(lo, hi)); }

ICK_AVX2 float ick_dot_f16_ggml_avx2(int n, const uint16_t *x, const float *y, int slots) {
    __m256 acc[4][2];
    for (int j = 0; j < 4; ++j) acc[j][0] = acc[j][1] = _mm256_setzero_ps();
    const int groups = slots / 16;
    const int np = n - n % slots;
    for (int i = 0; i < np; i += slots)
        for (int j = 0; j < groups; ++j)
            for (int h = 0; h < 2; ++h) {
                const int o = i + 16 * j + 8 * h;
                acc[j][h] = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(x + o))),
                                            _mm256_loadu_ps(y + o), acc[j][h]);
            }
    __m256 lo = acc[0][0], hi = acc[0][1];
    if (groups == 4) {
        lo = _mm256_add_ps(_mm256_add_ps(acc[0][0], acc[2][0]), _mm256_add_ps(acc[1][0], acc[3][0]));
        hi = _mm256_add_ps(_mm256_add_ps(acc[0][1], acc[2][1]), _mm256_add_ps(acc[1][1], acc[3][1]));
    }
    double sum = ick_reduce16(lo, hi);
    for (int i = np; i < n; ++i) sum += (double)(_cvtsh_ss(x[i]) * y[i]);
    return (float)sum;
}

ICK_AVX2 void ick_attn_scores_ggml_avx2(int hd, int nq, int npos, const uint16_t *const *keys, const float *q,
                                        float *scores, size_t ld, int slots) {
    for (int i = 0; i < npos; ++i)
        for (int h = 0; h < nq; ++h)
            scores[(size_t)h * ld + i] = keys[i] ? ick_dot_f16_ggml_avx2(hd, keys[i], q + (size_t)h * hd, slots) : -INFINITY;
}

ICK_AVX2 void ick_attn_values_ggml_avx2(int hd, int nq, int npos, const uint16_t *const *values, const float *p,
                                        size_t ld, float *out, int slots) {
    const int np = npos - npos % slots;
    for (int d = 0; d < hd; d += 8) {
        // Each value chunk is converted once for all heads of the group.
        __m256 part[4][64];
        for (int s = 0; s < slots; ++s) {
            __m256 acc[4];
            for (int h = 0; h < nq; ++h) acc[h] = _mm256_setzero_ps();
            for (int i = s; i < np; i += slots) {
                if (!values[i]) continue;
                const __m256 v = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(values[i] + d)));
                for (int h = 0; h < nq; ++h)
                    acc[h] = _mm256_fmadd_ps(v, _mm256_set1_ps(p[(size_t)h * ld + i]), acc[h]);
            }
            for (int h = 0; h < nq; ++h) part[h][s] = acc[h];
        }
        for (int h = 0; h < nq; ++h) {
            // Each of the 8 dims in the vector is its own dot: reduce slots per dim.
            const __m256 *pt = part[h];
            __m256 lane[16];
            for (int l = 0; l < 16; ++l)
                lane[l] = slots == 16 ? pt[l]
                        : _mm256_add_ps(_mm256_add_ps(pt[l], pt[32 + l]), _mm256_add_ps(pt[16 + l], pt[48 + l]));
            __m256 t[8];
            for (int l = 0; l < 8; ++l) t[l] = _mm256_add_ps(lane[l], lane[l + 8]);
            for (int l = 0; l < 4; ++l) t[l] = _mm256_add_ps(t[l], t[l + 4]);
            const __m256 r = _mm256_add_ps(_mm256_add_ps(t[0], t[2]), _mm256_add_ps(t[1], t[3]));
            float res[8];
            _mm256_storeu_ps(res, r);
            for (int k = 0; k < 8; ++k) {
                double sum = res[k];  // ggml adds the tail to the reduced sum in double
                for (int i = np; i < npos; ++i)
                    if (values[i]) sum += (double)(_cvtsh_ss(values[i][d + k]) * p[(size_t)h * ld + i]);
                out[(size_t)h * hd + d + k] = (float)sum;
            }
        }
    }
}

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
float ick_dot_f16_ggml_avx2(int n, const uint16_t *x, const float *y, int slots) { return 0; }
void ick_attn_scores_ggml_avx2(int hd, int nq, int npos, const uint16_t *const *keys, const float *q,
                               float *scores, size_t ld, int slots) {}
void ick_attn_values_ggml_avx2(int hd, int nq, int npos, const uint16_t *const *values, const float *p,
                               size_t ld, float *out, int slots) {}
void ick_softmax_f16_ggml_avx2(float *row, int count) {}
#endif
