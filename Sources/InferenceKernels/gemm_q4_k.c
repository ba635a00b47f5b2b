// Q4_K weights against Q8_K activations: the panel kernels (prefill) and
// the pair kernels (decode), AVX2 and AVX-512, in llama.cpp's float orders
// (see kquant_panels.h).
#include "kquant_panels.h"

// Every fused multiply-add here is explicit, as in the llama.cpp code it
// replicates; the compiler must not fuse others.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)

static inline void q4_k_scales(const uint8_t *s, int sc[8], int m[8]) {
    for (int j = 0; j < 4; ++j) {
        sc[j] = s[j] & 63;
        m[j] = s[j + 4] & 63;
        sc[j + 4] = (s[j + 8] & 15) | ((s[j] >> 6) << 4);
        m[j + 4] = (s[j + 8] >> 4) | ((s[j + 4] >> 6) << 4);
    }
}

// Repacks `rows` (<= RB) weight rows starting at w into panels for all nsb
// super-blocks; the missing rows of the last panel are zeros.
static ICK_AVX2 void pack_q4_k(uint8_t *panel, const uint8_t *w, size_t wrb, int rows, int nsb, int RB, int pairs16,
                               transpose_fn transpose) {
    _Alignas(64) uint32_t tmp[16 * 64];
    if (rows < RB) {
        memset(panel, 0, (size_t)nsb * Q4P_BYTES(RB));
        memset(tmp, 0, sizeof tmp);
    }
    for (int i = 0; i < nsb; ++i) {
        uint8_t *P = panel + (size_t)i * Q4P_BYTES(RB);
        for (int r = 0; r < rows; ++r) {
            const uint8_t *xb = w + (size_t)r * wrb + (size_t)i * 144;
            uint32_t *v = tmp + r * 64;
            const __m256i m4 = _mm256_set1_epi8(0x0F);
            for (int p = 0; p < 4; ++p) {
                const __m256i bits = _mm256_loadu_si256((const __m256i *)(xb + 16 + 32 * p));
                _mm256_storeu_si256((__m256i *)(v + 16 * p), _mm256_and_si256(bits, m4));
                _mm256_storeu_si256((__m256i *)(v + 16 * p + 8), _mm256_and_si256(_mm256_srli_epi16(bits, 4), m4));
            }
            int sc[8], m[8];
            q4_k_scales(xb + 4, sc, m);
            uint32_t *S = (uint32_t *)(P + Q4P_SC(RB)), *M = (uint32_t *)(P + Q4P_MN(RB));
            for (int j = 0; j < 8; ++j) {
                S[j * RB + r] = pairs16 ? pair16(sc[j], sc[j]) : (uint32_t)sc[j];
                M[j * RB + r] = pair16(m[j], m[j]);
            }
            float *D = (float *)(P + Q4P_D(RB));
            D[r] = ick_f16(xb);
            D[RB + r] = ick_f16(xb + 2);
        }
        transpose(tmp, P);
    }
}

// --- AVX-512: 16 rows per panel, G (1..4) activation rows per pass.

static ALWAYS_INLINE ICK_AVX512 void q4_k_panel_512(const int G, const int per64, int nsb, const uint8_t *panel,
                                                   const uint8_t *a, size_t arb, float *out, size_t os, int rows) {
    const __mmask16 mask = (__mmask16)((1u << rows) - 1);
    __m512 acc[4], acc_m[4];
    for (int j = 0; j < G; ++j) acc[j] = acc_m[j] = _mm512_setzero_ps();
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *P = panel + (size_t)i * Q4P_BYTES(16);
        const uint8_t *y[4];
        __m512 d[4], dmin[4];
        __m512i sumi[4], imin[4];
        for (int j = 0; j < G; ++j) {
            y[j] = a + (size_t)j * arb + (size_t)i * Q8K_BYTES;
            const __m512 dy = _mm512_set1_ps(load_f32(y[j]));
            d[j] = _mm512_mul_ps(_mm512_load_ps((const float *)(P + Q4P_D(16))), dy);
            dmin[j] = _mm512_mul_ps(_mm512_load_ps((const float *)(P + Q4P_D(16) + 64)), dy);
            sumi[j] = imin[j] = _mm512_setzero_si512();
        }
        for (int p = 0; p < 4; ++p) {
            for (int h = 0; h < 2; ++h) {
                const int sub = 2 * p + h;
                __m512i t[4];
                for (int j = 0; j < G; ++j) t[j] = _mm512_setzero_si512();
                for (int k = 0; k < 8; ++k) {
                    const __m512i wq = _mm512_load_si512((const void *)(P + (size_t)(sub * 8 + k) * 64));
                    for (int j = 0; j < G; ++j)
                        t[j] = _mm512_dpbusd_epi32(t[j], wq, _mm512_set1_epi32(load32(y[j] + 4 + 32 * sub + 4 * k)));
                }
                const __m512i sc = _mm512_load_si512((const void *)(P + Q4P_SC(16) + sub * 64));
                const __m512i mn = _mm512_load_si512((const void *)(P + Q4P_MN(16) + sub * 64));
                for (int j = 0; j < G; ++j) {
                    sumi[j] = _mm512_add_epi32(sumi[j], _mm512_mullo_epi32(t[j], sc));
                    imin[j] = _mm512_dpwssd_epi32(imin[j], mn, _mm512_set1_epi32(load32(y[j] + 260 + 4 * sub)));
                }
            }
            if (per64 || p == 3) {
                for (int j = 0; j < G; ++j) {
                    acc[j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(sumi[j]), d[j], acc[j]);
                    acc_m[j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(imin[j]), dmin[j], acc_m[j]);
                    sumi[j] = imin[j] = _mm512_setzero_si512();
                }
            }
        }
    }
    for (int j = 0; j < G; ++j) _mm512_mask_storeu_ps(out + (size_t)j * os, mask, _mm512_sub_ps(acc[j], acc_m[j]));
}

// --- AVX2: 8 rows per panel; maddubs + madd with the scale pair folds the
// scale into the integer step.

static ALWAYS_INLINE ICK_AVX2 void q4_k_panel_avx2(const int G, const int per64, int nsb, const uint8_t *panel,
                                                  const uint8_t *a, size_t arb, float *out, size_t os, int rows) {
    __m256 acc[4], acc_m[4];
    for (int j = 0; j < G; ++j) acc[j] = acc_m[j] = _mm256_setzero_ps();
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *P = panel + (size_t)i * Q4P_BYTES(8);
        const uint8_t *y[4];
        __m256i sumi[4], imin[4];
        for (int j = 0; j < G; ++j) {
            y[j] = a + (size_t)j * arb + (size_t)i * Q8K_BYTES;
            sumi[j] = imin[j] = _mm256_setzero_si256();
        }
        for (int p = 0; p < 4; ++p) {
            for (int h = 0; h < 2; ++h) {
                const int sub = 2 * p + h;
                const __m256i sc = _mm256_load_si256((const __m256i *)(P + Q4P_SC(8) + sub * 32));
                for (int k = 0; k < 8; ++k) {
                    const __m256i wq = _mm256_load_si256((const __m256i *)(P + (size_t)(sub * 8 + k) * 32));
                    for (int j = 0; j < G; ++j) {
                        const __m256i prod = _mm256_maddubs_epi16(wq, _mm256_set1_epi32(load32(y[j] + 4 + 32 * sub + 4 * k)));
                        sumi[j] = _mm256_add_epi32(sumi[j], _mm256_madd_epi16(prod, sc));
                    }
                }
                const __m256i mn = _mm256_load_si256((const __m256i *)(P + Q4P_MN(8) + sub * 32));
                for (int j = 0; j < G; ++j)
                    imin[j] = _mm256_add_epi32(imin[j], _mm256_madd_epi16(mn, _mm256_set1_epi32(load32(y[j] + 260 + 4 * sub))));
            }
            if (per64 || p == 3) {
                const __m256 dw = _mm256_load_ps((const float *)(P + Q4P_D(8)));
                const __m256 dmw = _mm256_load_ps((const float *)(P + Q4P_D(8) + 32));
                for (int j = 0; j < G; ++j) {
                    const __m256 dy = _mm256_set1_ps(load_f32(y[j]));
                    acc[j] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(sumi[j]), _mm256_mul_ps(dw, dy), acc[j]);
                    acc_m[j] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(imin[j]), _mm256_mul_ps(dmw, dy), acc_m[j]);
                    sumi[j] = imin[j] = _mm256_setzero_si256();
                }
            }
        }
    }
    for (int j = 0; j < G; ++j) {
        float v[8];
        _mm256_storeu_ps(v, _mm256_sub_ps(acc[j], acc_m[j]));
        memcpy(out + (size_t)j * os, v, (size_t)rows * 4);
    }
}

// Lane k of the result: the sum of v[k]'s eight int32 lanes.
static inline ICK_AVX2 __m256i sum_lanes8(const __m256i v[8]) {
    const __m256i t0 = _mm256_hadd_epi32(v[0], v[1]), t1 = _mm256_hadd_epi32(v[2], v[3]);
    const __m256i t2 = _mm256_hadd_epi32(v[4], v[5]), t3 = _mm256_hadd_epi32(v[6], v[7]);
    const __m256i u0 = _mm256_hadd_epi32(t0, t1), u1 = _mm256_hadd_epi32(t2, t3);
    return _mm256_add_epi32(_mm256_permute2x128_si256(u0, u1, 0x20), _mm256_permute2x128_si256(u0, u1, 0x31));
}

// Q4_K scales as int16, and the mins of the 64-value groups [pb, pe)
// duplicated per pair of bsums (16 int16, zero elsewhere).
static inline void q4_k_scales16(const uint8_t *s, int16_t sc16[8], int16_t md[16], int pb, int pe) {
    int sc[8], m[8];
    q4_k_scales(s, sc, m);
    for (int j = 0; j < 8; ++j) {
        sc16[j] = (int16_t)sc[j];
        md[2 * j] = md[2 * j + 1] = j >= 2 * pb && j < 2 * pe ? (int16_t)m[j] : 0;
    }
}

// --- AVX2 pair kernels: the AVX-512 ones below with ymm (same lanes, same
// float steps).

// The 64-value groups [pb, pe) of super-block i into acc.
static ALWAYS_INLINE ICK_AVX2 void q4_k_pairs_step_avx2(const int R, const int M, const int pb, const int pe, int i,
                                                  const uint8_t *w, size_t wrb, const uint8_t *a, size_t arb, __m256 *acc_out) {
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    __m256 acc = *acc_out;
    __m256i v[8];
    float dv[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int k = 0; k < 8; ++k) v[k] = _mm256_setzero_si256();
    for (int rr = 0; rr < R; ++rr) {
        const uint8_t *xb = w + (size_t)rr * wrb + (size_t)i * 144;
        int16_t sc16[8], md[16];
        q4_k_scales16(xb + 4, sc16, md, pb, pe);
        const __m256i mins = _mm256_loadu_si256((const __m256i *)md);
        __m256i q[8], scv[8];
        for (int p = 0; p < 4; ++p) {
            const __m256i bits = _mm256_loadu_si256((const __m256i *)(xb + 16 + 32 * p));
            q[2 * p] = _mm256_and_si256(bits, m4);
            q[2 * p + 1] = _mm256_and_si256(_mm256_srli_epi16(bits, 4), m4);
        }
        for (int k = 0; k < 8; ++k) scv[k] = _mm256_set1_epi16(sc16[k]);
        const float dw = ick_f16(xb), dmw = ick_f16(xb + 2);
        for (int j = 0; j < M; ++j) {
            const uint8_t *yb = a + (size_t)j * arb + (size_t)i * Q8K_BYTES;
            const float dy = load_f32(yb);
            const int s = rr * M + j;
            __m256i sumi = _mm256_setzero_si256();
            for (int k = 2 * pb; k < 2 * pe; ++k)
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(_mm256_maddubs_epi16(q[k], _mm256_loadu_si256((const __m256i *)(yb + 4 + 32 * k))), scv[k]));
            v[s] = sumi;
            v[4 + s] = _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(yb + 260)), mins);
            dv[s] = dw * dy;
            dv[4 + s] = dmw * dy;
        }
    }
    acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(sum_lanes8(v)), _mm256_loadu_ps(dv), acc);
    *acc_out = acc;
}

static ALWAYS_INLINE ICK_AVX2 void q4_k_pairs_avx2(const int R, const int M, const int per64, int nsb, const uint8_t *w,
                                                  size_t wrb, const uint8_t *a, size_t arb, float *out, size_t os) {
    __m256 acc = _mm256_setzero_ps();
    for (int i = 0; i < nsb; ++i) {
        if (per64)
            for (int p = 0; p < 4; ++p) q4_k_pairs_step_avx2(R, M, p, p + 1, i, w, wrb, a, arb, &acc);
        else
            q4_k_pairs_step_avx2(R, M, 0, 4, i, w, wrb, a, arb, &acc);
    }
    float r[8];
    _mm256_storeu_ps(r, acc);
    for (int rr = 0; rr < R; ++rr)
        for (int j = 0; j < M; ++j) out[(size_t)j * os + rr] = r[rr * M + j] - r[4 + rr * M + j];
}

// --- AVX-512 pair kernels: M (1..3) activation rows against R weight rows
// (R * M <= 4), each weight super-block unpacked once.

// Q4_K, gemv order (one integer per super-block). The integer sums of the
// R * M outputs (lanes 0-3) and their mins (lanes 4-7) are reduced together
// into one vector, so the float steps run once for all of them: lane s gets
// fma(isum, d, acc), lane 4 + s fma(imin, dmin, acc).
// The 64-value groups [pb, pe) of super-block i into acc.
static ALWAYS_INLINE ICK_AVX512 void q4_k_pairs_step_512(const int R, const int M, const int pb, const int pe, int i,
                                                   const uint8_t *w, size_t wrb, const uint8_t *a, size_t arb, __m256 *acc_out) {
    const __m512i m4 = _mm512_set1_epi8(0x0F);
    const __m512i shift = _mm512_inserti64x4(_mm512_setzero_si512(), _mm256_set1_epi16(4), 1);
    __m256 acc = *acc_out;
    __m256i v[8];
    float dv[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int k = 0; k < 8; ++k) v[k] = _mm256_setzero_si256();
    for (int rr = 0; rr < R; ++rr) {
        const uint8_t *xb = w + (size_t)rr * wrb + (size_t)i * 144;
        int16_t sc16[8], md[16];
        q4_k_scales16(xb + 4, sc16, md, pb, pe);
        const __m512i scales = _mm512_castsi128_si512(_mm_loadu_si128((const __m128i *)sc16));
        const __m256i mins = _mm256_loadu_si256((const __m256i *)md);
        __m512i q[4], scv[4];
        for (int p = 0; p < 4; ++p) {
            const __m512i bits = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(xb + 16 + 32 * p)));
            q[p] = _mm512_and_si512(_mm512_srlv_epi16(bits, shift), m4);
            // Words 0-15: scale 2p, 16-31: scale 2p+1.
            const __m512i idx = _mm512_inserti64x4(_mm512_set1_epi16((short)(2 * p)), _mm256_set1_epi16((short)(2 * p + 1)), 1);
            scv[p] = _mm512_permutexvar_epi16(idx, scales);
        }
        const float dw = ick_f16(xb), dmw = ick_f16(xb + 2);
        for (int j = 0; j < M; ++j) {
            const uint8_t *yb = a + (size_t)j * arb + (size_t)i * Q8K_BYTES;
            const float dy = load_f32(yb);
            const int s = rr * M + j;
            __m512i sumi = _mm512_setzero_si512();
            for (int p = pb; p < pe; ++p)
                sumi = _mm512_add_epi32(sumi, _mm512_madd_epi16(_mm512_maddubs_epi16(q[p], _mm512_loadu_si512((const void *)(yb + 4 + 64 * p))), scv[p]));
            v[s] = _mm256_add_epi32(_mm512_castsi512_si256(sumi), _mm512_extracti64x4_epi64(sumi, 1));
            v[4 + s] = _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(yb + 260)), mins);
            dv[s] = dw * dy;
            dv[4 + s] = dmw * dy;
        }
    }
    acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(sum_lanes8(v)), _mm256_loadu_ps(dv), acc);
    *acc_out = acc;
}

static ALWAYS_INLINE ICK_AVX512 void q4_k_pairs_512(const int R, const int M, const int per64, int nsb, const uint8_t *w,
                                                   size_t wrb, const uint8_t *a, size_t arb, float *out, size_t os) {
    __m256 acc = _mm256_setzero_ps();
    for (int i = 0; i < nsb; ++i) {
        if (per64)
            for (int p = 0; p < 4; ++p) q4_k_pairs_step_512(R, M, p, p + 1, i, w, wrb, a, arb, &acc);
        else
            q4_k_pairs_step_512(R, M, 0, 4, i, w, wrb, a, arb, &acc);
    }
    float r[8];
    _mm256_storeu_ps(r, acc);
    for (int rr = 0; rr < R; ++rr)
        for (int j = 0; j < M; ++j) out[(size_t)j * os + rr] = r[rr * M + j] - r[4 + rr * M + j];
}

// Activation rows [jb, je) through the Q4_K pair kernel, up to 3 at a time
// (one weight row), or 1 or 2 against 4 or 2 weight rows.
#define Q4_K_PAIR_ROWS(PAIRS, per64, jb, je)                                              \
    for (int j = (jb); j < (je); j += 3) {                                                \
        const int m = (je) - j < 3 ? (je) - j : 3;                                        \
        const uint8_t *Aj = A + (size_t)j * arb;                                          \
        float *oj = out + (size_t)j * os;                                                 \
        int r = r0;                                                                       \
        if (m == 1)                                                                       \
            for (; r + 4 <= r1; r += 4) PAIRS(4, 1, per64, nsb, W + (size_t)r * wrb, wrb, Aj, arb, oj + r, os); \
        if (m == 2)                                                                       \
            for (; r + 2 <= r1; r += 2) PAIRS(2, 2, per64, nsb, W + (size_t)r * wrb, wrb, Aj, arb, oj + r, os); \
        for (; r < r1; ++r) {                                                             \
            if (m == 1) PAIRS(1, 1, per64, nsb, W + (size_t)r * wrb, wrb, Aj, arb, oj + r, os); \
            else if (m == 2) PAIRS(1, 2, per64, nsb, W + (size_t)r * wrb, wrb, Aj, arb, oj + r, os); \
            else PAIRS(1, 3, per64, nsb, W + (size_t)r * wrb, wrb, Aj, arb, oj + r, os);  \
        }                                                                                 \
    }

// Panels from PANEL_MIN_ROWS activation rows; below that (or if no panel
// memory could be had) the pair kernels, which follow every order too.
#define DEFINE_GEMM_Q4_K(NAME, TARGET, PAIRS, PANEL, RB, PAIRS16, TRANSPOSE)              \
TARGET void NAME(int n, const void *w, size_t wrb, int r0, int r1,                        \
                 const void *a, size_t arb, int na, float *out, size_t os) {             \
    const int nsb = n / 256;                                                              \
    const uint8_t *W = (const uint8_t *)w, *A = (const uint8_t *)a;                       \
    uint8_t *panel = na >= PANEL_MIN_ROWS ? ick_kquant_panel_buffer((size_t)nsb * Q4P_BYTES(RB)) : NULL; \
    if (!panel) {                                                                         \
        Q4_K_PAIR_ROWS(PAIRS, 1, 0, na - na % 4)                                          \
        Q4_K_PAIR_ROWS(PAIRS, 0, na - na % 4, na)                                         \
        return;                                                                           \
    }                                                                                     \
    for (int r = r0; r < r1; r += RB) {                                                   \
        const int rows = r1 - r < RB ? r1 - r : RB;                                       \
        pack_q4_k(panel, W + (size_t)r * wrb, wrb, rows, nsb, RB, PAIRS16, TRANSPOSE);    \
        PANEL_PASSES(PANEL, rows);                                                        \
    }                                                                                     \
}


DEFINE_GEMM_Q4_K(ick_gemm_q4_k_avx2, ICK_AVX2, q4_k_pairs_avx2, q4_k_panel_avx2, 8, 1, transpose_8)
DEFINE_GEMM_Q4_K(ick_gemm_q4_k_avx512, ICK_AVX512, q4_k_pairs_512, q4_k_panel_512, 16, 0, transpose_16)

#else
void ick_gemm_q4_k_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q4_k_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
#endif
