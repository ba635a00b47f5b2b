// ick_attn_rows_avx512: attention_rows_impl.h with one zmm per 16 lanes, so
// each of llama.cpp's 16 slots is one lane of one register, and ggml's
// AVX-512 ggml_v_expf (vscalefps) for the softmax.
#include "InferenceKernels.h"
#include "kernels_x86.h"
#include <math.h>

#if defined(__x86_64__)
typedef __m512 v16;

static inline ICK_AVX512 v16 v16_zero(void) { return _mm512_setzero_ps(); }
static inline ICK_AVX512 v16 v16_load_h(const uint16_t *p) {
    return _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)p));
}
static inline ICK_AVX512 v16 v16_load_f(const float *p) { return _mm512_loadu_ps(p); }
static inline ICK_AVX512 v16 v16_set1(float x) { return _mm512_set1_ps(x); }
static inline ICK_AVX512 v16 v16_fma(v16 a, v16 b, v16 c) { return _mm512_fmadd_ps(a, b, c); }
static inline ICK_AVX512 v16 v16_add(v16 a, v16 b) { return _mm512_add_ps(a, b); }
static inline ICK_AVX512 void v16_store(float *p, v16 a) { _mm512_storeu_ps(p, a); }
static inline ICK_AVX512 float v16_reduce(v16 a) {
    return ick_hsum(_mm256_add_ps(_mm512_castps512_ps256(a), _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(a), 1))));
}

// ggml_v_expf, AVX-512 form, operation for operation.
static inline ICK_AVX512 __m512 att_expf(__m512 x) {
    const __m512 r = _mm512_set1_ps(0x1.8p23f);
    const __m512 z = _mm512_fmadd_ps(x, _mm512_set1_ps(0x1.715476p+0f), r);
    const __m512 n = _mm512_sub_ps(z, r);
    const __m512 b = _mm512_fnmadd_ps(n, _mm512_set1_ps(0x1.7f7d1cp-20f),
                                      _mm512_fnmadd_ps(n, _mm512_set1_ps(0x1.62e4p-1f), x));
    const __mmask16 d = _mm512_cmp_ps_mask(_mm512_abs_ps(n), _mm512_set1_ps(192), _CMP_GT_OQ);
    const __m512 u = _mm512_mul_ps(b, b);
    const __m512 j = _mm512_fmadd_ps(
        _mm512_fmadd_ps(_mm512_fmadd_ps(_mm512_set1_ps(0x1.0e4020p-7f), b, _mm512_set1_ps(0x1.573e2ep-5f)), u,
                        _mm512_fmadd_ps(_mm512_set1_ps(0x1.555e66p-3f), b, _mm512_set1_ps(0x1.fffdb6p-2f))),
        u, _mm512_fmadd_ps(_mm512_set1_ps(0x1.ffffecp-1f), b, _mm512_set1_ps(1.0f)));
    const __m512 res = _mm512_scalef_ps(j, n);
    if (_mm512_kortestz(d, d)) return res;
    const __m512 alt = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(n, _mm512_setzero_ps(), _CMP_LE_OQ),
                                            _mm512_set1_ps(INFINITY), _mm512_setzero_ps());
    return _mm512_mask_blend_ps(d, res, alt);
}

static inline ICK_AVX512 void att_softmax(float *row, int count) {
    __m512 mv = _mm512_set1_ps(-INFINITY);
    for (int i = 0; i < count; i += 16) mv = _mm512_max_ps(mv, _mm512_loadu_ps(row + i));
    const __m512 m = _mm512_set1_ps(_mm512_reduce_max_ps(mv));
    double sum = 0;
    for (int i = 0; i < count; i += 16) {
        const __m512 e = att_expf(_mm512_sub_ps(_mm512_loadu_ps(row + i), m));
        _mm512_storeu_ps(row + i, e);
        sum += v16_reduce(e);
    }
    const __m512 inv = _mm512_set1_ps((float)(1.0 / sum));
    for (int i = 0; i < count; i += 16) {
        const __m256i h = _mm512_cvtps_ph(_mm512_mul_ps(_mm512_loadu_ps(row + i), inv), _MM_FROUND_TO_NEAREST_INT);
        _mm512_storeu_ps(row + i, _mm512_cvtph_ps(h));
    }
}

// 32 zmm registers: 4x4 score outputs; 8 rows x 32 dims of values.
#define ATT_TARGET ICK_AVX512
#define ATT_FN ick_attn_rows_avx512
#define SC_RB 4
#define SC_KB 4
#define VA_RB 8
#define VA_CB 2
#include "attention_rows_impl.h"
#else
void ick_attn_rows_avx512(int hd, int ntok, int group, const float *q, float *out, size_t tok_stride,
                          const int32_t *lo, const int32_t *hi, const int32_t *cell, const uint16_t *keys,
                          const uint16_t *values, size_t kv_stride, float *scores, size_t ld, int slots) {}
#endif
