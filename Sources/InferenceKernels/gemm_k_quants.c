// Q4_K and Q6_K weights against Q8_K activations (ggml-quants.h layouts).
// Scales are unpacked per super-block in scalar code; the 32-value sub-block
// products use maddubs/madd with the scale folded into the madd.
#include "InferenceKernels.h"
#include "kernels_x86.h"
#include <math.h>

// Every fused multiply-add here is explicit, as in the llama.cpp code it
// replicates; the compiler must not fuse others.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)

#define Q8K_BYTES 292

static inline ICK_AVX2 float dot_q4_k(int nsb, const uint8_t *x, const uint8_t *y, int per64) {
    // Float order follows llama.cpp's x86 path for Q4_K, which repacks the
    // weights: exact integer sums for the scaled quants and for the mins,
    // each accumulated with an FMA by (d_w * d_y) and (dmin_w * d_y), mins
    // subtracted at the end. Its gemv (ggml_gemv_q4_K_8x8_q8_K) takes one
    // integer sum per super-block; its gemm (ggml_gemm_q4_K_8x8_q8_K, batch
    // rows in groups of 4) one per 64 values (`per64`).
    float acc = 0, acc_m = 0;
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *xb = x + (size_t)i * 144;
        const uint8_t *yb = y + (size_t)i * Q8K_BYTES;
        float dy;
        memcpy(&dy, yb, 4);
        const float d = ick_f16(xb) * dy, dmin = ick_f16(xb + 2) * dy;
        const uint8_t *s = xb + 4;
        int16_t sc[8], m[8];
        for (int j = 0; j < 4; ++j) {
            sc[j] = s[j] & 63;
            m[j] = s[j + 4] & 63;
            sc[j + 4] = (s[j + 8] & 15) | ((s[j] >> 6) << 4);
            m[j + 4] = (s[j + 8] >> 4) | ((s[j + 4] >> 6) << 4);
        }
        int16_t bs[16];
        memcpy(bs, yb + 260, 32);
        const uint8_t *q4 = xb + 16;
        const uint8_t *q8 = yb + 4;
        __m256i sumi = _mm256_setzero_si256();
        int imin = 0;
        for (int p = 0; p < 4; ++p) {
            const __m256i bits = _mm256_loadu_si256((const __m256i *)(q4 + 32 * p));
            const __m256i lo = _mm256_and_si256(bits, m4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(bits, 4), m4);
            const __m256i y0 = _mm256_loadu_si256((const __m256i *)(q8 + 64 * p));
            const __m256i y1 = _mm256_loadu_si256((const __m256i *)(q8 + 64 * p + 32));
            sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(_mm256_maddubs_epi16(lo, y0), _mm256_set1_epi16(sc[2 * p])));
            sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(_mm256_maddubs_epi16(hi, y1), _mm256_set1_epi16(sc[2 * p + 1])));
            imin += m[2 * p] * (bs[4 * p] + bs[4 * p + 1]) + m[2 * p + 1] * (bs[4 * p + 2] + bs[4 * p + 3]);
            if (per64) {
                acc = fmaf((float)ick_hsum_i32(sumi), d, acc);
                acc_m = fmaf((float)imin, dmin, acc_m);
                sumi = _mm256_setzero_si256();
                imin = 0;
            }
        }
        if (!per64) {
            acc = fmaf((float)ick_hsum_i32(sumi), d, acc);
            acc_m = fmaf((float)imin, dmin, acc_m);
        }
    }
    return acc - acc_m;
}

static inline ICK_AVX2 float dot_q6_k(int nsb, const uint8_t *x, const uint8_t *y, int tiled) {
    __m256 acc = _mm256_setzero_ps();
    float tiled_acc = 0;
    const __m256i m4 = _mm256_set1_epi8(0x0F), m2 = _mm256_set1_epi8(3);
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *xb = x + (size_t)i * 210;
        const uint8_t *yb = y + (size_t)i * Q8K_BYTES;
        float dy;
        memcpy(&dy, yb, 4);
        const float d = ick_f16(xb + 208) * dy;
        const int8_t *sc = (const int8_t *)(xb + 192);
        // The -32 offset comes off at the end from bsums, lane k holding the
        // offset of sub-blocks 2k and 2k+1, exactly as ggml's AVX2
        // ggml_vec_dot_q6_K_q8_K: the float rounding of each lane then matches.
        const __m256i bsums = _mm256_loadu_si256((const __m256i *)(yb + 260));
        const __m256i scales16 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)sc));
        const __m256i offset = _mm256_slli_epi32(_mm256_madd_epi16(bsums, scales16), 5);
        __m256i sumi = _mm256_setzero_si256();
        for (int h = 0; h < 2; ++h) {
            const uint8_t *ql = xb + 64 * h, *qh = xb + 128 + 32 * h;
            const int8_t *s = sc + 8 * h;
            const uint8_t *q8 = yb + 4 + 128 * h;
            const __m256i L0 = _mm256_loadu_si256((const __m256i *)ql);
            const __m256i L1 = _mm256_loadu_si256((const __m256i *)(ql + 32));
            const __m256i H = _mm256_loadu_si256((const __m256i *)qh);
            __m256i q[4];
            q[0] = _mm256_or_si256(_mm256_and_si256(L0, m4), _mm256_slli_epi16(_mm256_and_si256(H, m2), 4));
            q[1] = _mm256_or_si256(_mm256_and_si256(L1, m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 2), m2), 4));
            q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L0, 4), m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 4), m2), 4));
            q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L1, 4), m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 6), m2), 4));
            for (int g = 0; g < 4; ++g) {
                const __m256i yv = _mm256_loadu_si256((const __m256i *)(q8 + 32 * g));
                const __m256i p = _mm256_maddubs_epi16(q[g], yv);
                const __m256i scv = _mm256_set_m128i(_mm_set1_epi16(s[2 * g + 1]), _mm_set1_epi16(s[2 * g]));
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(p, scv));
            }
        }
        sumi = _mm256_sub_epi32(sumi, offset);
        if (tiled) {
            // llama.cpp's tiled K-quant matmul (batches of 8+ tokens): one
            // exact integer per super-block times d_w, then an FMA by d_y
            // into the sum (GCC contracts its mul + add intrinsics).
            const float t = (float)ick_hsum_i32(sumi) * ick_f16(xb + 208);
            tiled_acc = fmaf(t, dy, tiled_acc);
        } else {
            acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
        }
    }
    return tiled ? tiled_acc : ick_hsum(acc);
}

// MODE(j, na): the float-order variant for activation row j of na.
#define DEFINE_GEMM_K(NAME, DOT, MODE)                                                      \
ICK_AVX2 void NAME(int n, const void *w, size_t wrb, int r0, int r1,                        \
                   const void *a, size_t arb, int na, float *out, size_t os) {             \
    const int nsb = n / 256;                                                                \
    for (int r = r0; r < r1; ++r) {                                                         \
        const uint8_t *wr = (const uint8_t *)w + (size_t)r * wrb;                           \
        for (int j = 0; j < na; ++j)                                                        \
            out[(size_t)j * os + r] = DOT(nsb, wr, (const uint8_t *)a + (size_t)j * arb, MODE(j, na)); \
    }                                                                                       \
}

// Rows of a batch in whole groups of 4 take llama.cpp's gemm order, the rest
// its gemv order (callers tile batches in multiples of 4).
#define Q4K_GEMM_ROW(j, na) ((j) < (na) - (na) % 4)
#define ALWAYS(j, na) 1
#define NEVER(j, na) 0
DEFINE_GEMM_K(ick_gemm_q4_k_avx2, dot_q4_k, Q4K_GEMM_ROW)
DEFINE_GEMM_K(ick_gemm_q6_k_avx2, dot_q6_k, NEVER)
DEFINE_GEMM_K(ick_gemm_q6_k_tiled_avx2, dot_q6_k, ALWAYS)

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
void ick_gemm_q6_k_tiled_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
float ick_dot_f32_avx2(int n, const float *x, const float *y) { return 0; }
void ick_axpy_f32_avx2(int n, float a, const float *x, float *y) {}
#endif
