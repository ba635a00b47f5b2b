// Q8_0 / Q5_0 / Q4_0 weights against Q8_0 activations (ggml-quants.h block
// layouts). Each weight block is decoded to 32 signed bytes once and dotted
// with up to four activation rows, so prefill reads and decodes each weight
// block once per four tokens.
#include "InferenceKernels.h"
#include "kernels_x86.h"

#if defined(__x86_64__)

#define Q8_BYTES 34

static inline ICK_AVX2 __m256i decode_q8_0(const uint8_t *b) {
    return _mm256_loadu_si256((const __m256i *)(b + 2));
}
// Q5_0: d f16, qh u32, qs[16]; value = (nibble | bit << 4) - 16.
static inline ICK_AVX2 __m256i decode_q5_0(const uint8_t *b) {
    __m256i q = ick_nibbles32(b + 6);
    __m256i hi = _mm256_andnot_si256(ick_bits32(b + 2), _mm256_set1_epi8((char)0xF0));
    return _mm256_or_si256(q, hi);
}
// Q4_0: d f16, qs[16]; value = nibble - 8.
static inline ICK_AVX2 __m256i decode_q4_0(const uint8_t *b) {
    return _mm256_sub_epi8(ick_nibbles32(b + 2), _mm256_set1_epi8(8));
}

#define DEFINE_GEMM(NAME, TARGET, WBYTES, DECODE, DOT)                                      \
TARGET void NAME(int n, const void *w, size_t wrb, int r0, int r1,                          \
                 const void *a, size_t arb, int na, float *out, size_t os) {               \
    const int nb = n / 32;                                                                  \
    const uint8_t *A = (const uint8_t *)a;                                                  \
    for (int r = r0; r < r1; ++r) {                                                         \
        const uint8_t *wr = (const uint8_t *)w + (size_t)r * wrb;                           \
        int j = 0;                                                                          \
        for (; j + 4 <= na; j += 4) {                                                       \
            const uint8_t *a0 = A + (size_t)j * arb, *a1 = a0 + arb, *a2 = a1 + arb,        \
                          *a3 = a2 + arb;                                                   \
            __m256 c0 = _mm256_setzero_ps(), c1 = c0, c2 = c0, c3 = c0;                     \
            for (int b = 0; b < nb; ++b) {                                                  \
                const uint8_t *wb = wr + (size_t)b * WBYTES;                                \
                const float dw = ick_f16(wb);                                               \
                const __m256i q = DECODE(wb);                                               \
                const __m256i ax = _mm256_sign_epi8(q, q);                                  \
                const size_t o = (size_t)b * Q8_BYTES;                                      \
                __m256i s0 = DOT(ax, _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)(a0 + o + 2)), q)); \
                __m256i s1 = DOT(ax, _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)(a1 + o + 2)), q)); \
                __m256i s2 = DOT(ax, _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)(a2 + o + 2)), q)); \
                __m256i s3 = DOT(ax, _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)(a3 + o + 2)), q)); \
                c0 = _mm256_fmadd_ps(_mm256_set1_ps(dw * ick_f16(a0 + o)), _mm256_cvtepi32_ps(s0), c0); \
                c1 = _mm256_fmadd_ps(_mm256_set1_ps(dw * ick_f16(a1 + o)), _mm256_cvtepi32_ps(s1), c1); \
                c2 = _mm256_fmadd_ps(_mm256_set1_ps(dw * ick_f16(a2 + o)), _mm256_cvtepi32_ps(s2), c2); \
                c3 = _mm256_fmadd_ps(_mm256_set1_ps(dw * ick_f16(a3 + o)), _mm256_cvtepi32_ps(s3), c3); \
            }                                                                               \
            out[(size_t)(j + 0) * os + r] = ick_hsum(c0);                                   \
            out[(size_t)(j + 1) * os + r] = ick_hsum(c1);                                   \
            out[(size_t)(j + 2) * os + r] = ick_hsum(c2);                                   \
            out[(size_t)(j + 3) * os + r] = ick_hsum(c3);                                   \
        }                                                                                   \
        for (; j < na; ++j) {                                                               \
            const uint8_t *a0 = A + (size_t)j * arb;                                        \
            __m256 c0 = _mm256_setzero_ps();                                                \
            /* One accumulator, block order: the same float order as ggml's */             \
            /* vec_dot_q8_0_q8_0 and tinyBLAS, so results match llama.cpp bit for bit. */  \
            for (int b = 0; b < nb; ++b) {                                                  \
                const uint8_t *wb = wr + (size_t)b * WBYTES;                                \
                const __m256i q0 = DECODE(wb);                                              \
                const size_t o = (size_t)b * Q8_BYTES;                                      \
                __m256i s0 = DOT(_mm256_sign_epi8(q0, q0), _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)(a0 + o + 2)), q0)); \
                c0 = _mm256_fmadd_ps(_mm256_set1_ps(ick_f16(wb) * ick_f16(a0 + o)), _mm256_cvtepi32_ps(s0), c0); \
            }                                                                               \
            out[(size_t)j * os + r] = ick_hsum(c0);                                         \
        }                                                                                   \
    }                                                                                       \
}

DEFINE_GEMM(ick_gemm_q8_0_avx2, ICK_AVX2, 34, decode_q8_0, ick_dot_i8_avx2)
DEFINE_GEMM(ick_gemm_q8_0_avxvnni, ICK_VNNI, 34, decode_q8_0, ick_dot_i8_vnni)
DEFINE_GEMM(ick_gemm_q5_0_avx2, ICK_AVX2, 22, decode_q5_0, ick_dot_i8_avx2)
DEFINE_GEMM(ick_gemm_q5_0_avxvnni, ICK_VNNI, 22, decode_q5_0, ick_dot_i8_vnni)
DEFINE_GEMM(ick_gemm_q4_0_avx2, ICK_AVX2, 18, decode_q4_0, ick_dot_i8_avx2)

#else
// Non-x86 builds never call these (ick_cpu_features() returns 0).
void ick_gemm_q8_0_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q8_0_avxvnni(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q5_0_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q5_0_avxvnni(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q4_0_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
#endif
