// AVX-512 VNNI kernels for Q8_0 / Q5_0 / Q4_0 weights against Q8_0
// activations. Same results as the AVX2 kernels in gemm_q8_0_family.c, bit
// for bit:
// - Two weight rows share one zmm: lanes 0-7 hold row r's eight partial sums,
//   lanes 8-15 row r+1's, so each row keeps its own 8-lane float accumulator
//   updated once per block in block order (ggml's order, see the AVX2 file).
//   Which rows and tokens are computed together, and in which loop order, is
//   free: each output still sees exactly that sequence of operations.
// - No sign trick (AVX-512 has no vpsignb): the weights are made unsigned by
//   their format's offset (Q8_0: w + 128, Q5_0: the raw 5-bit value, Q4_0:
//   the nibble) and dpbusd starts from -offset * (sum of each 4 activation
//   bytes), precomputed once per call. The integer lane sums are exact either
//   way, so they equal the AVX2 ones.
// - A register tile is P row pairs x M tokens (P*M accumulators). The
//   per-token loads (activation bytes, offset term, scale) are shared by the
//   P pairs, and the unpacked weights by the M tokens.
// - Prefill (5+ tokens per call): the rows' blocks are unpacked (unsigned
//   bytes and scales as zmm) once per call into a stack buffer, then every
//   group of tokens runs over that buffer; decode (1-4 tokens) unpacks from
//   the weights directly, as they stream in from memory.
#include "InferenceKernels.h"
#include "kernels_x86.h"

#if defined(__x86_64__)

#define Q8_BYTES 34
// Activation blocks per call whose scale and offset terms fit the stack tables.
#define ICK_MAX_BLOCKS_512 1024
// Weight blocks per row that the prefill path unpacks per call (larger rows
// take the decode path for every token group).
#define ICK_UNPACK_BLOCKS 64
// Reading several rows side by side is interleaved streams, which the
// hardware prefetcher here does not follow: from DRAM that ran 5x slower than
// one row at a time (same for AVX2 code). Prefetching the rows' region as one
// linear stream, 16 KiB ahead, restores it (measured 2 to 32 KiB; 16 best).
#define ICK_PREFETCH_512 16384
// Prefill register tile: PF_P row pairs x PF_G tokens (16 accumulators).
// Measured per token and weight block, Q5_0 640 columns, 16 tokens, one
// thread in L2 (C harness, same run): 1x4 (the old kernel, re-unpacking per
// 4 tokens) 0.36 ns; unpacked once: 1x8 0.28, 2x4 0.26, 2x8 0.35 (spills),
// 3x4 0.26, 4x3 0.29, 4x4 0.26; Q8_0 the same shape, 1.2x the old kernel.
#define PF_P 4
#define PF_G 4
_Static_assert(PF_G <= 4, "the token loop's tail handles at most 3 tokens");

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

// The two rows' f16 scales: lanes 0-7 row r's, 8-15 row r+1's.
static inline ICK_AVX512 __m512 scales_pair(const uint8_t *b0, const uint8_t *b1) {
    int16_t d0, d1;
    memcpy(&d0, b0, 2);
    memcpy(&d1, b1, 2);
    return _mm512_cvtph_ps(_mm256_mask_set1_epi16(_mm256_set1_epi16(d0), 0xFF00, d1));
}

static inline ICK_AVX512 void store_pair(__m512 c, float *out, size_t os, int k, int r) {
    out[(size_t)k * os + r] = ick_hsum(_mm512_castps512_ps256(c));
    out[(size_t)k * os + r + 1] = ick_hsum(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(c), 1)));
}

// P row pairs (rows r .. r+2P-1) x M tokens; P and M are constants at every
// call site, so the loops unroll and the accumulators stay in registers.
// uq/udw: the rows' blocks already unpacked (block b, pair p at b*P+p), or
// NULL to unpack from w.
#define DEFINE_GEMM_512(NAME, WBYTES, OFFSET, UNSIGNED, ONE_ROW)                             \
static inline __attribute__((always_inline)) ICK_AVX512 void NAME##_tile(                  \
    const int P, const int M, int nb, const uint8_t *w, size_t wrb,                         \
    const __m512i *uq, const __m512 *udw, const uint8_t *a, size_t arb,                     \
    const float *as, const __m256i *offs, float *out, size_t os, int r) {                   \
    __m512 c[P * M];                                                                        \
    for (int i = 0; i < P * M; ++i) c[i] = _mm512_setzero_ps();                             \
    for (int b = 0; b < nb; ++b) {                                                          \
        __m512i q[P];                                                                       \
        __m512 dw[P];                                                                       \
        if (uq) {                                                                           \
            for (int p = 0; p < P; ++p) { q[p] = uq[b * P + p]; dw[p] = udw[b * P + p]; }   \
        } else {                                                                            \
            const char *pf = (const char *)w + ICK_PREFETCH_512 + (size_t)b * 2 * P * WBYTES; \
            _mm_prefetch(pf, _MM_HINT_T0);                                                  \
            _mm_prefetch(pf + 64, _MM_HINT_T0);                                             \
            if (P > 1) _mm_prefetch(pf + 128, _MM_HINT_T0);                                 \
            for (int p = 0; p < P; ++p) {                                                   \
                const uint8_t *b0 = w + (size_t)(2 * p) * wrb + (size_t)b * WBYTES, *b1 = b0 + wrb; \
                dw[p] = scales_pair(b0, b1);                                                \
                q[p] = UNSIGNED(b0, b1);                                                    \
            }                                                                               \
        }                                                                                   \
        const size_t o = (size_t)b * Q8_BYTES + 2;                                          \
        for (int k = 0; k < M; ++k) {                                                       \
            const __m512i y = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(a + (size_t)k * arb + o))); \
            const __m512i off = _mm512_broadcast_i64x4(offs[k * nb + b]);                   \
            const __m512 s = _mm512_set1_ps(as[k * nb + b]);                                \
            for (int p = 0; p < P; ++p)                                                     \
                c[p * M + k] = _mm512_fmadd_ps(_mm512_mul_ps(dw[p], s),                     \
                                               _mm512_cvtepi32_ps(_mm512_dpbusd_epi32(off, q[p], y)), c[p * M + k]); \
        }                                                                                   \
    }                                                                                       \
    for (int p = 0; p < P; ++p)                                                             \
        for (int k = 0; k < M; ++k) store_pair(c[p * M + k], out, os, k, r + 2 * p);       \
}                                                                                           \
/* All na tokens against P row pairs from r: groups of G (<= 4) tokens, then the rest. */  \
static inline __attribute__((always_inline)) ICK_AVX512 void NAME##_tokens(                \
    const int P, const int G, int nb, int na, const uint8_t *w, size_t wrb,                 \
    const __m512i *uq, const __m512 *udw, const uint8_t *A, size_t arb,                     \
    const float *as, const __m256i *offs, float *out, size_t os, int r) {                   \
    int j = 0;                                                                              \
    for (; j + G <= na; j += G)                                                             \
        NAME##_tile(P, G, nb, w, wrb, uq, udw, A + (size_t)j * arb, arb, as + j * nb, offs + j * nb, out + (size_t)j * os, os, r); \
    const uint8_t *a = A + (size_t)j * arb;                                                 \
    float *o = out + (size_t)j * os;                                                        \
    switch (na - j) {                                                                       \
    case 3: NAME##_tile(P, 3, nb, w, wrb, uq, udw, a, arb, as + j * nb, offs + j * nb, o, os, r); break; \
    case 2: NAME##_tile(P, 2, nb, w, wrb, uq, udw, a, arb, as + j * nb, offs + j * nb, o, os, r); break; \
    case 1: NAME##_tile(P, 1, nb, w, wrb, uq, udw, a, arb, as + j * nb, offs + j * nb, o, os, r); break; \
    default: break;                                                                         \
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
    const uint8_t *W = (const uint8_t *)w;                                                  \
    int r = r0;                                                                             \
    if (na > 4 && nb <= ICK_UNPACK_BLOCKS) {                                                \
        /* Prefill: unpack PF_P pairs once, run every token group over them. */           \
        __m512i uq[ICK_UNPACK_BLOCKS * PF_P];                                               \
        __m512 udw[ICK_UNPACK_BLOCKS * PF_P];                                               \
        for (; r + 2 * PF_P <= r1; r += 2 * PF_P) {                                       \
            const uint8_t *wr = W + (size_t)r * wrb;                                        \
            for (int b = 0; b < nb; ++b)                                                    \
                for (int p = 0; p < PF_P; ++p) {                                            \
                    const uint8_t *b0 = wr + (size_t)(2 * p) * wrb + (size_t)b * WBYTES;    \
                    udw[b * PF_P + p] = scales_pair(b0, b0 + wrb);                          \
                    uq[b * PF_P + p] = UNSIGNED(b0, b0 + wrb);                              \
                }                                                                           \
            NAME##_tokens(PF_P, PF_G, nb, na, wr, wrb, uq, udw, A, arb, as, offs, out, os, r);     \
        }                                                                                   \
    } else if (na > 1) {                                                                    \
        /* Decode of 2-4 tokens: two pairs share each token's loads (1.2x at */              \
        /* 3 tokens in L2); one token keeps one pair (as fast, fewer streams). */            \
        for (; r + 4 <= r1; r += 4)                                                         \
            NAME##_tokens(2, 4, nb, na, W + (size_t)r * wrb, wrb, NULL, NULL, A, arb, as, offs, out, os, r); \
    }                                                                                       \
    for (; r + 2 <= r1; r += 2)                                                             \
        NAME##_tokens(1, 4, nb, na, W + (size_t)r * wrb, wrb, NULL, NULL, A, arb, as, offs, out, os, r); \
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
