// ick_attn_rows_avx2: attention_rows_impl.h over 16 lanes held as two ymm.
#include "InferenceKernels.h"
#include "kernels_x86.h"
#include <math.h>

#if defined(__x86_64__)
typedef struct {
    __m256 lo, hi;
} v16;

static inline ICK_AVX2 v16 v16_zero(void) { return (v16){_mm256_setzero_ps(), _mm256_setzero_ps()}; }
static inline ICK_AVX2 v16 v16_load_h(const uint16_t *p) {
    return (v16){_mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p)),
                 _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(p + 8)))};
}
static inline ICK_AVX2 v16 v16_load_f(const float *p) { return (v16){_mm256_loadu_ps(p), _mm256_loadu_ps(p + 8)}; }
static inline ICK_AVX2 v16 v16_set1(float x) { return (v16){_mm256_set1_ps(x), _mm256_set1_ps(x)}; }
static inline ICK_AVX2 v16 v16_fma(v16 a, v16 b, v16 c) {
    return (v16){_mm256_fmadd_ps(a.lo, b.lo, c.lo), _mm256_fmadd_ps(a.hi, b.hi, c.hi)};
}
static inline ICK_AVX2 v16 v16_add(v16 a, v16 b) { return (v16){_mm256_add_ps(a.lo, b.lo), _mm256_add_ps(a.hi, b.hi)}; }
static inline ICK_AVX2 void v16_store(float *p, v16 a) {
    _mm256_storeu_ps(p, a.lo);
    _mm256_storeu_ps(p + 8, a.hi);
}
static inline ICK_AVX2 float v16_reduce(v16 a) { return ick_hsum(_mm256_add_ps(a.lo, a.hi)); }
static inline ICK_AVX2 void att_softmax(float *row, int count) { ick_softmax_f16_ggml_avx2(row, count); }

// 16 ymm registers: 2x2 outputs of two halves each for scores, 4 rows of
// 16 dims for values.
#define ATT_TARGET ICK_AVX2
#define ATT_FN ick_attn_rows_avx2
#define SC_RB 2
#define SC_KB 2
#define VA_RB 4
#define VA_CB 1
#include "attention_rows_impl.h"
#else
void ick_attn_rows_avx2(int hd, int ntok, int group, const float *q, float *out, size_t tok_stride,
                        const int32_t *lo, const int32_t *hi, const int32_t *cell, const uint16_t *keys,
                        const uint16_t *values, size_t kv_stride, float *scores, size_t ld, int slots) {}
#endif
