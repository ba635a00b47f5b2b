// AVX-512 VNNI kernels for Q8_0 / Q5_0 / Q4_0 weights against Q8_0
// activations. Same results as the AVX2 kernels in gemm_q8_0_family.c, bit
// for bit, at about 1.3x (one activation row) to 1.7x (three or four) their
// speed here:
// - Two weight rows share one zmm: lanes 0-7 hold row r's eight partial sums,
//   lanes 8-15 row r+1's, so each row keeps its own 8-lane float accumulator
//   updated once per block in block order (ggml's order, see the AVX2 file).
// - Rows r and r+1 are read side by side, so the pair region is prefetched
//   ahead as one linear stream (see ICK_PREFETCH_512).
// - No sign trick (AVX-512 has no vpsignb): the weights are made unsigned by
//   their format's offset (Q8_0: w + 128, Q5_0: the raw 5-bit value, Q4_0:
//   the nibble) and dpbusd starts from -offset * (sum of each 4 activation
//   bytes), precomputed once per call. The integer lane sums are exact either
//   way, so they equal the AVX2 ones.
#include "InferenceKernels.h"
#include "kernels_x86.h"

#if defined(__x86_64__)

#define Q8_BYTES 34
// Activation blocks per call whose scale and offset terms fit the stack tables.
#define ICK_MAX_BLOCKS_512 1024
// Reading rows r and r+1 side by side is two interleaved streams, which the
// hardware prefetcher here does not follow: from DRAM that ran 5x slower than
// one row at a time (same for AVX2 code). Prefetching the pair region as one
// linear stream, 16 KiB ahead, restores it (measured 2 to 32 KiB; 16 best).
#define ICK_PREFETCH_512 16384

// Two weight rows' block b as 64 unsigned bytes, row r in the low half.
static inline ICK_AVX512 __m512i unsigned_q8_0(const uint8_t *b0, const uint8_t *b1) {
    __m512i w = _mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(b0 + 2)));
    w = _mm512_inserti64x4(w, _mm256_loadu_si256((const __m256i *)(b1 + 2)), 1);
    return _mm512_xor_si512(w, _mm512_set1_epi8((char)0x80));
}

// 16 nibble bytes per row -> [low nibbles r, high nibbles r, low r+1, high r+1].
static inline ICK_AVX512 __m512i nibbles64(const uint8_t *q0, const uint8_t *q1) {
    __m512i t = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)q0));
    t = _mm512_mask_broadcast_i32x4(t, 0xFF00, _mm_loadu_si128((const __m128i *)q1));
    const __m512i shifts = _mm512_set_epi64(0x0004000400040004, 0x0004000400040004, 0, 0,
                                            0x0004000400040004, 0x0004000400040004, 0, 0);
    return _mm512_and_si512(_mm512_srlv_epi16(t, shifts), _mm512_set1_epi8(0x0F));
}

static inline ICK_AVX512 __m512i unsigned_q5_0(const uint8_t *b0, const uint8_t *b1) {
    uint32_t h0, h1;
    memcpy(&h0, b0 + 2, 4);
    memcpy(&h1, b1 + 2, 4);
    const __mmask64 high = _cvtu64_mask64((uint64_t)h0 | ((uint64_t)h1 << 32));
    const __m512i q = nibbles64(b0 + 6, b1 + 6);
    return _mm512_mask_add_epi8(q, high, q, _mm512_set1_epi8(0x10));
}

static inline ICK_AVX512 __m512i unsigned_q4_0(const uint8_t *b0, const uint8_t *b1) {
    return nibbles64(b0 + 2, b1 + 2);
}

// M (1..4, a constant at every call site) activation rows against weight rows
// r and r+1.
#define DEFINE_GEMM_512(NAME, WBYTES, OFFSET, UNSIGNED, ONE_ROW)                             \
static inline __attribute__((always_inline)) ICK_AVX512 void NAME##_pair(                  \
    const int M, int nb, const uint8_t *w0, const uint8_t *w1, const uint8_t *a, size_t arb, \
    const float *as, const __m256i *offs, float *out, size_t os, int r) {                   \
    __m512 c[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()}; \
    for (int b = 0; b < nb; ++b) {                                                          \
        const uint8_t *b0 = w0 + (size_t)b * WBYTES, *b1 = w1 + (size_t)b * WBYTES;         \
        int16_t d0, d1;                                                                     \
        memcpy(&d0, b0, 2);                                                                 \
        memcpy(&d1, b1, 2);                                                                 \
        const __m512 dw = _mm512_cvtph_ps(_mm256_mask_set1_epi16(_mm256_set1_epi16(d0), 0xFF00, d1)); \
        _mm_prefetch((const char *)w0 + ICK_PREFETCH_512 + b * 2 * WBYTES, _MM_HINT_T0);     \
        _mm_prefetch((const char *)w0 + ICK_PREFETCH_512 + b * 2 * WBYTES + 64, _MM_HINT_T0); \
        const __m512i q = UNSIGNED(b0, b1);                                                 \
        const size_t o = (size_t)b * Q8_BYTES + 2;                                          \
        for (int k = 0; k < M; ++k) {                                                       \
            const __m512i y = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(a + (size_t)k * arb + o))); \
            const __m512i s = _mm512_dpbusd_epi32(_mm512_broadcast_i64x4(offs[k * nb + b]), q, y); \
            c[k] = _mm512_fmadd_ps(_mm512_mul_ps(dw, _mm512_set1_ps(as[k * nb + b])), _mm512_cvtepi32_ps(s), c[k]); \
        }                                                                                   \
    }                                                                                       \
    for (int k = 0; k < M; ++k) {                                                           \
        out[(size_t)k * os + r] = ick_hsum(_mm512_castps512_ps256(c[k]));                   \
        out[(size_t)k * os + r + 1] = ick_hsum(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(c[k]), 1))); \
    }                                                                                       \
}                                                                                           \
ICK_AVX512 void NAME(int n, const void *w, size_t wrb, int r0, int r1,                      \
                     const void *a, size_t arb, int na, float *out, size_t os) {           \
    const int nb = n / 32;                                                                  \
    const uint8_t *A = (const uint8_t *)a;                                                  \
    if ((size_t)na * nb > ICK_MAX_BLOCKS_512) {                                             \
        /* Split so the per-block tables below fit the stack. */                            \
        const int step = (int)(ICK_MAX_BLOCKS_512 / nb) & ~3;                               \
        for (int j0 = 0; j0 < na; j0 += step) {                                             \
            const int m = na - j0 < step ? na - j0 : step;                                  \
            NAME(n, w, wrb, r0, r1, A + (size_t)j0 * arb, arb, m, out + (size_t)j0 * os, os); \
        }                                                                                   \
        return;                                                                             \
    }                                                                                       \
    /* Per activation block, once per call: its scale as a float and the */                 \
    /* offset term -OFFSET * (sum of each 4 bytes) that dpbusd starts from. */              \
    float as[ICK_MAX_BLOCKS_512];                                                           \
    __m256i offs[ICK_MAX_BLOCKS_512];                                                       \
    for (int j = 0; j < na; ++j)                                                            \
        for (int b = 0; b < nb; ++b) {                                                      \
            const uint8_t *ab = A + (size_t)j * arb + (size_t)b * Q8_BYTES;                 \
            as[j * nb + b] = ick_f16(ab);                                                   \
            const __m256i y = _mm256_loadu_si256((const __m256i *)(ab + 2));                \
            offs[j * nb + b] = _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_set1_epi8((char)OFFSET), y), \
                                                 _mm256_set1_epi16(-1));                    \
        }                                                                                   \
    int r = r0;                                                                             \
    for (; r + 2 <= r1; r += 2) {                                                           \
        const uint8_t *w0 = (const uint8_t *)w + (size_t)r * wrb, *w1 = w0 + wrb;           \
        int j = 0;                                                                          \
        for (; j + 4 <= na; j += 4)                                                         \
            NAME##_pair(4, nb, w0, w1, A + (size_t)j * arb, arb, as + j * nb, offs + j * nb, out + (size_t)j * os, os, r); \
        switch (na - j) {                                                                   \
        case 3: NAME##_pair(3, nb, w0, w1, A + (size_t)j * arb, arb, as + j * nb, offs + j * nb, out + (size_t)j * os, os, r); break; \
        case 2: NAME##_pair(2, nb, w0, w1, A + (size_t)j * arb, arb, as + j * nb, offs + j * nb, out + (size_t)j * os, os, r); break; \
        case 1: NAME##_pair(1, nb, w0, w1, A + (size_t)j * arb, arb, as + j * nb, offs + j * nb, out + (size_t)j * os, os, r); break; \
        default: break;                                                                     \
        }                                                                                   \
    }                                                                                       \
    /* An odd last row: the AVX2 kernel gives the same result. */                           \
    if (r < r1) ONE_ROW(n, w, wrb, r, r1, a, arb, na, out, os);                             \
}

DEFINE_GEMM_512(ick_gemm_q8_0_avx512, 34, 0x80, unsigned_q8_0, ick_gemm_q8_0_avx2)
DEFINE_GEMM_512(ick_gemm_q5_0_avx512, 22, 16, unsigned_q5_0, ick_gemm_q5_0_avx2)
DEFINE_GEMM_512(ick_gemm_q4_0_avx512, 18, 8, unsigned_q4_0, ick_gemm_q4_0_avx2)

#else
// Non-x86 builds never call these (ick_cpu_features() returns 0).
void ick_gemm_q8_0_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q5_0_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q4_0_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
#endif
