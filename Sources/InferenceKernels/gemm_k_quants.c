// Q4_K and Q6_K weights against Q8_K activations (ggml-quants.h layouts).
// Scales are unpacked per super-block in scalar code; the 32-value sub-block
// products use maddubs/madd with the scale folded into the madd.
#include "InferenceKernels.h"
#include "kernels_x86.h"
#include <math.h>

#if defined(__x86_64__)

#define Q8K_BYTES 292

// One weight row against M (1..4, a constant at every call site) activation
// rows: the weight super-block is unpacked once (scales, nibbles / 6-bit
// values) and dotted with every row while in registers. Per activation row the
// float operations and their order are llama.cpp's x86 ones (engine-exact's
// choice, see docs/DECISIONS.md), so results match the one-row kernels bit for
// bit; the integer sums are exact, so how they are formed does not matter.
//
// Q4_K as llama.cpp's repacked gemv (ggml_gemv_q4_K_8x8_q8_K): per
// super-block one exact integer sum for the scaled quants and one for the
// mins, each accumulated with a scalar FMA by (d_w * d_y) and (dmin_w * d_y);
// the mins come off at the end.
static inline ICK_AVX2 int hsum_i32x4(__m128i v) {
    v = _mm_add_epi32(v, _mm_shuffle_epi32(v, 0x4E));
    v = _mm_add_epi32(v, _mm_shuffle_epi32(v, 0xB1));
    return _mm_cvtsi128_si32(v);
}

#define DEFINE_Q4_K_ROWS(NAME, TARGET)                                                      \
static inline __attribute__((always_inline)) TARGET void NAME(                              \
    const int M, int nsb, const uint8_t *x, const uint8_t *a, size_t arb, float *out, size_t os, int r) { \
    float acc[4] = {0, 0, 0, 0}, acc_m[4] = {0, 0, 0, 0};                                   \
    const __m256i m4 = _mm256_set1_epi8(0x0F);                                              \
    for (int i = 0; i < nsb; ++i) {                                                         \
        const uint8_t *xb = x + (size_t)i * 144;                                            \
        const float dx = ick_f16(xb), dminx = ick_f16(xb + 2);                              \
        const uint8_t *s = xb + 4;                                                          \
        int16_t sc[8], m[8];                                                                \
        for (int j = 0; j < 4; ++j) {                                                       \
            sc[j] = s[j] & 63;                                                              \
            m[j] = s[j + 4] & 63;                                                           \
            sc[j + 4] = (s[j + 8] & 15) | ((s[j] >> 6) << 4);                               \
            m[j + 4] = (s[j + 8] >> 4) | ((s[j + 4] >> 6) << 4);                            \
        }                                                                                   \
        const __m128i mins = _mm_loadu_si128((const __m128i *)m);                           \
        __m256i q[8];                                                                       \
        for (int p = 0; p < 4; ++p) {                                                       \
            const __m256i bits = _mm256_loadu_si256((const __m256i *)(xb + 16 + 32 * p));   \
            q[2 * p] = _mm256_and_si256(bits, m4);                                          \
            q[2 * p + 1] = _mm256_and_si256(_mm256_srli_epi16(bits, 4), m4);                \
        }                                                                                   \
        for (int k = 0; k < M; ++k) {                                                       \
            const uint8_t *yb = a + (size_t)k * arb + (size_t)i * Q8K_BYTES;                \
            float dy;                                                                       \
            memcpy(&dy, yb, 4);                                                             \
            const float d = dx * dy, dmin = dminx * dy;                                     \
            /* Sub-block sums of the activation (bsums pairs), then sum m[j] * s[j]. */    \
            const __m256i s32 = _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(yb + 260)), _mm256_set1_epi16(1)); \
            const __m128i s16 = _mm_packs_epi32(_mm256_castsi256_si128(s32), _mm256_extracti128_si256(s32, 1)); \
            const int imin = hsum_i32x4(_mm_madd_epi16(mins, s16));                         \
            const uint8_t *q8 = yb + 4;                                                     \
            __m256i sumi = _mm256_setzero_si256();                                          \
            for (int p = 0; p < 4; ++p) {                                                   \
                const __m256i y0 = _mm256_loadu_si256((const __m256i *)(q8 + 64 * p));      \
                const __m256i y1 = _mm256_loadu_si256((const __m256i *)(q8 + 64 * p + 32)); \
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(_mm256_maddubs_epi16(q[2 * p], y0), _mm256_set1_epi16(sc[2 * p]))); \
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(_mm256_maddubs_epi16(q[2 * p + 1], y1), _mm256_set1_epi16(sc[2 * p + 1]))); \
            }                                                                               \
            acc[k] = fmaf((float)ick_hsum_i32(sumi), d, acc[k]);                            \
            acc_m[k] = fmaf((float)imin, dmin, acc_m[k]);                                   \
        }                                                                                   \
    }                                                                                       \
    for (int k = 0; k < M; ++k) out[(size_t)k * os + r] = acc[k] - acc_m[k];                \
}

#define DEFINE_Q6_K_ROWS(NAME, TARGET)                                                      \
static inline __attribute__((always_inline)) TARGET void NAME(                              \
    const int M, int nsb, const uint8_t *x, const uint8_t *a, size_t arb, float *out, size_t os, int r) { \
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()}; \
    const __m256i m4 = _mm256_set1_epi8(0x0F), m2 = _mm256_set1_epi8(3);                    \
    for (int i = 0; i < nsb; ++i) {                                                         \
        const uint8_t *xb = x + (size_t)i * 210;                                            \
        const float dx = ick_f16(xb + 208);                                                 \
        const int8_t *sc = (const int8_t *)(xb + 192);                                      \
        const __m256i scales16 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)sc)); \
        __m256i q[8], scv[8];                                                               \
        for (int h = 0; h < 2; ++h) {                                                       \
            const uint8_t *ql = xb + 64 * h, *qh = xb + 128 + 32 * h;                       \
            const __m256i L0 = _mm256_loadu_si256((const __m256i *)ql);                     \
            const __m256i L1 = _mm256_loadu_si256((const __m256i *)(ql + 32));              \
            const __m256i H = _mm256_loadu_si256((const __m256i *)qh);                      \
            q[4 * h] = _mm256_or_si256(_mm256_and_si256(L0, m4), _mm256_slli_epi16(_mm256_and_si256(H, m2), 4)); \
            q[4 * h + 1] = _mm256_or_si256(_mm256_and_si256(L1, m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 2), m2), 4)); \
            q[4 * h + 2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L0, 4), m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 4), m2), 4)); \
            q[4 * h + 3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L1, 4), m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 6), m2), 4)); \
            for (int g = 0; g < 4; ++g)                                                     \
                scv[4 * h + g] = _mm256_set_m128i(_mm_set1_epi16(sc[8 * h + 2 * g + 1]), _mm_set1_epi16(sc[8 * h + 2 * g])); \
        }                                                                                   \
        for (int k = 0; k < M; ++k) {                                                       \
            const uint8_t *yb = a + (size_t)k * arb + (size_t)i * Q8K_BYTES;                \
            float dy;                                                                       \
            memcpy(&dy, yb, 4);                                                             \
            const float d = dx * dy;                                                        \
            /* The -32 offset comes off at the end from bsums, lane j holding the */       \
            /* offset of sub-blocks 2j and 2j+1, as ggml's AVX2 vec_dot_q6_K_q8_K. */       \
            const __m256i offset = _mm256_slli_epi32(_mm256_madd_epi16(                     \
                _mm256_loadu_si256((const __m256i *)(yb + 260)), scales16), 5);             \
            __m256i sumi = _mm256_setzero_si256();                                          \
            for (int g = 0; g < 8; ++g) {                                                   \
                const __m256i yv = _mm256_loadu_si256((const __m256i *)(yb + 4 + 32 * g));  \
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(_mm256_maddubs_epi16(q[g], yv), scv[g])); \
            }                                                                               \
            sumi = _mm256_sub_epi32(sumi, offset);                                          \
            acc[k] = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc[k]);  \
        }                                                                                   \
    }                                                                                       \
    for (int k = 0; k < M; ++k) out[(size_t)k * os + r] = ick_hsum(acc[k]);                 \
}

#define DEFINE_GEMM_K(NAME, TARGET, ROWS)                                                   \
TARGET void NAME(int n, const void *w, size_t wrb, int r0, int r1,                          \
                 const void *a, size_t arb, int na, float *out, size_t os) {               \
    const int nsb = n / 256;                                                                \
    const uint8_t *A = (const uint8_t *)a;                                                  \
    for (int r = r0; r < r1; ++r) {                                                         \
        const uint8_t *wr = (const uint8_t *)w + (size_t)r * wrb;                           \
        int j = 0;                                                                          \
        for (; j + 4 <= na; j += 4) ROWS(4, nsb, wr, A + (size_t)j * arb, arb, out + (size_t)j * os, os, r); \
        switch (na - j) {                                                                   \
        case 3: ROWS(3, nsb, wr, A + (size_t)j * arb, arb, out + (size_t)j * os, os, r); break; \
        case 2: ROWS(2, nsb, wr, A + (size_t)j * arb, arb, out + (size_t)j * os, os, r); break; \
        case 1: ROWS(1, nsb, wr, A + (size_t)j * arb, arb, out + (size_t)j * os, os, r); break; \
        default: break;                                                                     \
        }                                                                                   \
    }                                                                                       \
}

DEFINE_Q4_K_ROWS(q4_k_rows_avx2, ICK_AVX2)
DEFINE_Q6_K_ROWS(q6_k_rows_avx2, ICK_AVX2)
DEFINE_GEMM_K(ick_gemm_q4_k_avx2, ICK_AVX2, q4_k_rows_avx2)
DEFINE_GEMM_K(ick_gemm_q6_k_avx2, ICK_AVX2, q6_k_rows_avx2)

// AVX-512: two activation rows per zmm (lanes 0-7 row k, lanes 8-15 row k+1)
// against the weight super-block broadcast to both halves, so each row's
// lanes hold exactly the AVX2 kernel's lanes and get the same float
// operations: bit-identical results with about half the instructions. An odd last
// activation row uses the AVX2 code compiled for this target.
DEFINE_Q4_K_ROWS(q4_k_rows_avx512, ICK_AVX512)
DEFINE_Q6_K_ROWS(q6_k_rows_avx512, ICK_AVX512)

static inline ICK_AVX512 __m512i load_pair(const uint8_t *p0, const uint8_t *p1) {
    return _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)p0)),
                              _mm256_loadu_si256((const __m256i *)p1), 1);
}

static inline ICK_AVX512 __m512 pair_scale(float d0, float d1) {
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(_mm512_set1_ps(d0)), _mm256_castps_pd(_mm256_set1_ps(d1)), 1));
}

static inline ICK_AVX512 float hsum_high(__m512 v) {
    return ick_hsum(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1)));
}

static inline ICK_AVX512 float hsum4(__m128 v) {
    v = _mm_add_ps(v, _mm_movehl_ps(v, v));
    v = _mm_add_ss(v, _mm_movehdup_ps(v));
    return _mm_cvtss_f32(v);
}

// NP (1 or 2, a constant at every call site) pairs of activation rows
// against one Q4_K weight row; the weight super-block is unpacked once.
static inline __attribute__((always_inline)) ICK_AVX512 void q4_k_pairs_avx512(
    const int NP, int nsb, const uint8_t *x, const uint8_t *const *rows, float *const *outs) {
    float acc[4] = {0, 0, 0, 0}, acc_m[4] = {0, 0, 0, 0};
    const __m512i m4 = _mm512_set1_epi8(0x0F);
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *xb = x + (size_t)i * 144;
        const float dx = ick_f16(xb), dminx = ick_f16(xb + 2);
        const uint8_t *s = xb + 4;
        int16_t sc[8], m[8];
        for (int j = 0; j < 4; ++j) {
            sc[j] = s[j] & 63;
            m[j] = s[j + 4] & 63;
            sc[j + 4] = (s[j + 8] & 15) | ((s[j] >> 6) << 4);
            m[j + 4] = (s[j + 8] >> 4) | ((s[j + 4] >> 6) << 4);
        }
        const __m256i mins = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)m));
        __m512i q[8];
        for (int p = 0; p < 4; ++p) {
            const __m512i bits = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(xb + 16 + 32 * p)));
            q[2 * p] = _mm512_and_si512(bits, m4);
            q[2 * p + 1] = _mm512_and_si512(_mm512_srli_epi16(bits, 4), m4);
        }
        for (int k = 0; k < NP; ++k) {
            const uint8_t *y0 = rows[2 * k] + (size_t)i * Q8K_BYTES, *y1 = rows[2 * k + 1] + (size_t)i * Q8K_BYTES;
            float dy0, dy1;
            memcpy(&dy0, y0, 4);
            memcpy(&dy1, y1, 4);
            // Min sums: sub-block sums of both rows, then sum m[j] * s[j] per row.
            const __m512i s32 = _mm512_madd_epi16(load_pair(y0 + 260, y1 + 260), _mm512_set1_epi16(1));
            const __m256i mm = _mm256_madd_epi16(mins, _mm512_cvtepi32_epi16(s32));
            __m512i sumi = _mm512_setzero_si512();
            for (int p = 0; p < 4; ++p) {
                const __m512i ya = load_pair(y0 + 4 + 64 * p, y1 + 4 + 64 * p);
                const __m512i yb = load_pair(y0 + 4 + 64 * p + 32, y1 + 4 + 64 * p + 32);
                sumi = _mm512_add_epi32(sumi, _mm512_madd_epi16(_mm512_maddubs_epi16(q[2 * p], ya), _mm512_set1_epi16(sc[2 * p])));
                sumi = _mm512_add_epi32(sumi, _mm512_madd_epi16(_mm512_maddubs_epi16(q[2 * p + 1], yb), _mm512_set1_epi16(sc[2 * p + 1])));
            }
            acc[2 * k] = fmaf((float)ick_hsum_i32(_mm512_castsi512_si256(sumi)), dx * dy0, acc[2 * k]);
            acc[2 * k + 1] = fmaf((float)ick_hsum_i32(_mm512_extracti64x4_epi64(sumi, 1)), dx * dy1, acc[2 * k + 1]);
            acc_m[2 * k] = fmaf((float)hsum_i32x4(_mm256_castsi256_si128(mm)), dminx * dy0, acc_m[2 * k]);
            acc_m[2 * k + 1] = fmaf((float)hsum_i32x4(_mm256_extracti128_si256(mm, 1)), dminx * dy1, acc_m[2 * k + 1]);
        }
    }
    for (int k = 0; k < 2 * NP; ++k) *outs[k] = acc[k] - acc_m[k];
}

// NP pairs of activation rows against one Q6_K weight row.
static inline __attribute__((always_inline)) ICK_AVX512 void q6_k_pairs_avx512(
    const int NP, int nsb, const uint8_t *x, const uint8_t *const *rows, float *const *outs) {
    __m512 acc[2] = {_mm512_setzero_ps(), _mm512_setzero_ps()};
    const __m512i m4 = _mm512_set1_epi8(0x0F), m2 = _mm512_set1_epi8(3);
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *xb = x + (size_t)i * 210;
        const float dx = ick_f16(xb + 208);
        const int8_t *sc = (const int8_t *)(xb + 192);
        const __m512i scales16 = _mm512_broadcast_i64x4(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)sc)));
        __m512i q[8], scv[8];
        for (int h = 0; h < 2; ++h) {
            const uint8_t *ql = xb + 64 * h, *qh = xb + 128 + 32 * h;
            const __m512i L0 = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)ql));
            const __m512i L1 = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(ql + 32)));
            const __m512i H = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)qh));
            q[4 * h] = _mm512_or_si512(_mm512_and_si512(L0, m4), _mm512_slli_epi16(_mm512_and_si512(H, m2), 4));
            q[4 * h + 1] = _mm512_or_si512(_mm512_and_si512(L1, m4), _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(H, 2), m2), 4));
            q[4 * h + 2] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(L0, 4), m4), _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(H, 4), m2), 4));
            q[4 * h + 3] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(L1, 4), m4), _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(H, 6), m2), 4));
            for (int g = 0; g < 4; ++g)
                scv[4 * h + g] = _mm512_broadcast_i64x4(_mm256_set_m128i(_mm_set1_epi16(sc[8 * h + 2 * g + 1]), _mm_set1_epi16(sc[8 * h + 2 * g])));
        }
        for (int k = 0; k < NP; ++k) {
            const uint8_t *y0 = rows[2 * k] + (size_t)i * Q8K_BYTES, *y1 = rows[2 * k + 1] + (size_t)i * Q8K_BYTES;
            float dy0, dy1;
            memcpy(&dy0, y0, 4);
            memcpy(&dy1, y1, 4);
            // The -32 offset from bsums, per lane as the AVX2 code.
            const __m512i offset = _mm512_slli_epi32(_mm512_madd_epi16(load_pair(y0 + 260, y1 + 260), scales16), 5);
            __m512i sumi = _mm512_setzero_si512();
            for (int g = 0; g < 8; ++g) {
                const __m512i yv = load_pair(y0 + 4 + 32 * g, y1 + 4 + 32 * g);
                sumi = _mm512_add_epi32(sumi, _mm512_madd_epi16(_mm512_maddubs_epi16(q[g], yv), scv[g]));
            }
            sumi = _mm512_sub_epi32(sumi, offset);
            acc[k] = _mm512_fmadd_ps(pair_scale(dx * dy0, dx * dy1), _mm512_cvtepi32_ps(sumi), acc[k]);
        }
    }
    for (int k = 0; k < NP; ++k) {
        *outs[2 * k] = ick_hsum(_mm512_castps512_ps256(acc[k]));
        *outs[2 * k + 1] = hsum_high(acc[k]);
    }
}

// Activation rows in groups of four (two pairs); a group of three repeats its
// last row into a discarded output (as cheap as four, cheaper than 2 + 1).
#define DEFINE_GEMM_K_512(NAME, PAIRS, ONE)                                                 \
ICK_AVX512 void NAME(int n, const void *w, size_t wrb, int r0, int r1,                      \
                     const void *a, size_t arb, int na, float *out, size_t os) {           \
    const int nsb = n / 256;                                                                \
    const uint8_t *A = (const uint8_t *)a;                                                  \
    for (int r = r0; r < r1; ++r) {                                                         \
        const uint8_t *wr = (const uint8_t *)w + (size_t)r * wrb;                           \
        for (int j = 0; j < na; j += 4) {                                                   \
            const int m = na - j < 4 ? na - j : 4;                                          \
            if (m == 1) {                                                                   \
                ONE(1, nsb, wr, A + (size_t)j * arb, arb, out + (size_t)j * os, os, r);     \
                break;                                                                      \
            }                                                                               \
            float discard;                                                                  \
            const uint8_t *rows[4];                                                         \
            float *outs[4];                                                                 \
            for (int k = 0; k < 4; ++k) {                                                   \
                const int jk = j + (k < m ? k : m - 1);                                     \
                rows[k] = A + (size_t)jk * arb;                                             \
                outs[k] = k < m ? out + (size_t)jk * os + r : &discard;                     \
            }                                                                               \
            if (m == 2) PAIRS(1, nsb, wr, rows, outs);                                      \
            else PAIRS(2, nsb, wr, rows, outs);                                             \
        }                                                                                   \
    }                                                                                       \
}

DEFINE_GEMM_K_512(ick_gemm_q4_k_avx512, q4_k_pairs_avx512, q4_k_rows_avx512)
DEFINE_GEMM_K_512(ick_gemm_q6_k_avx512, q6_k_pairs_avx512, q6_k_rows_avx512)

ICK_AVX2 float ick_dot_f32_avx2(int n, const float *x, const float *y) {
    __m256 c0 = _mm256_setzero_ps(), c1 = c0;
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        c0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), c0);
        c1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8), c1);
    }
    float s = ick_hsum(_mm256_add_ps(c0, c1));
    for (; i < n; ++i) s += x[i] * y[i];
    return s;
}

ICK_AVX2 void ick_axpy_f32_avx2(int n, float a, const float *x, float *y) {
    const __m256 va = _mm256_set1_ps(a);
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(va, _mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
    for (; i < n; ++i) y[i] += a * x[i];
}

#else
void ick_gemm_q4_k_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q6_k_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q4_k_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q6_k_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
float ick_dot_f32_avx2(int n, const float *x, const float *y) { return 0; }
void ick_axpy_f32_avx2(int n, float a, const float *x, float *y) {}
#endif
