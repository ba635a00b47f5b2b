// Q6_K weights against Q8_K activations: the panel kernels (prefill, in
// the order of llama.cpp's tiled matmul) and the pair kernels (both orders),
// AVX2 and AVX-512 (see kquant_panels.h).
#include "kquant_panels.h"

// Every fused multiply-add here is explicit, as in the llama.cpp code it
// replicates; the compiler must not fuse others.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)

static ICK_AVX2 void pack_q6_k(uint8_t *panel, const uint8_t *w, size_t wrb, int rows, int nsb, int RB, int pairs16,
                               transpose_fn transpose) {
    _Alignas(64) uint32_t tmp[16 * 64];
    if (rows < RB) {
        memset(panel, 0, (size_t)nsb * Q6P_BYTES(RB));
        memset(tmp, 0, sizeof tmp);
    }
    for (int i = 0; i < nsb; ++i) {
        uint8_t *P = panel + (size_t)i * Q6P_BYTES(RB);
        for (int r = 0; r < rows; ++r) {
            const uint8_t *xb = w + (size_t)r * wrb + (size_t)i * 210;
            uint32_t *v = tmp + r * 64;
            const __m256i m4 = _mm256_set1_epi8(0x0F), m2 = _mm256_set1_epi8(3);
            for (int h = 0; h < 2; ++h) {
                const __m256i L0 = _mm256_loadu_si256((const __m256i *)(xb + 64 * h));
                const __m256i L1 = _mm256_loadu_si256((const __m256i *)(xb + 64 * h + 32));
                const __m256i H = _mm256_loadu_si256((const __m256i *)(xb + 128 + 32 * h));
                const __m256i q[4] = {
                    _mm256_or_si256(_mm256_and_si256(L0, m4), _mm256_slli_epi16(_mm256_and_si256(H, m2), 4)),
                    _mm256_or_si256(_mm256_and_si256(L1, m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 2), m2), 4)),
                    _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L0, 4), m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 4), m2), 4)),
                    _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L1, 4), m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 6), m2), 4)),
                };
                for (int g = 0; g < 4; ++g) _mm256_storeu_si256((__m256i *)(v + 32 * h + 8 * g), q[g]);
            }
            const int8_t *sc = (const int8_t *)(xb + 192);
            uint32_t *S = (uint32_t *)(P + Q6P_SC(RB)), *SP = (uint32_t *)(P + Q6P_SP(RB));
            for (int s = 0; s < 16; ++s) S[s * RB + r] = pairs16 ? pair16(sc[s], sc[s]) : (uint32_t)(int32_t)sc[s];
            for (int k = 0; k < 8; ++k) SP[k * RB + r] = pair16(sc[2 * k], sc[2 * k + 1]);
            ((float *)(P + Q6P_D(RB)))[r] = ick_f16(xb + 208);
        }
        transpose(tmp, P);
    }
}

// --- AVX-512: 16 rows per panel, G (1..4) activation rows per pass.

static ALWAYS_INLINE ICK_AVX512 void q6_k_panel_512(const int G, int nsb, const uint8_t *panel,
                                                   const uint8_t *a, size_t arb, float *out, size_t os, int rows) {
    const __mmask16 mask = (__mmask16)((1u << rows) - 1);
    __m512 acc[4];
    for (int j = 0; j < G; ++j) acc[j] = _mm512_setzero_ps();
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *P = panel + (size_t)i * Q6P_BYTES(16);
        const uint8_t *y[4];
        __m512i sumi[4], off[4];
        for (int j = 0; j < G; ++j) {
            y[j] = a + (size_t)j * arb + (size_t)i * Q8K_BYTES;
            sumi[j] = off[j] = _mm512_setzero_si512();
        }
        for (int s = 0; s < 16; ++s) {
            __m512i t[4];
            for (int j = 0; j < G; ++j) t[j] = _mm512_setzero_si512();
            for (int k = 0; k < 4; ++k) {
                const __m512i wq = _mm512_load_si512((const void *)(P + (size_t)(s * 4 + k) * 64));
                for (int j = 0; j < G; ++j)
                    t[j] = _mm512_dpbusd_epi32(t[j], wq, _mm512_set1_epi32(load32(y[j] + 4 + 16 * s + 4 * k)));
            }
            const __m512i sc = _mm512_load_si512((const void *)(P + Q6P_SC(16) + s * 64));
            for (int j = 0; j < G; ++j) sumi[j] = _mm512_add_epi32(sumi[j], _mm512_mullo_epi32(t[j], sc));
        }
        for (int k = 0; k < 8; ++k) {
            const __m512i sp = _mm512_load_si512((const void *)(P + Q6P_SP(16) + k * 64));
            for (int j = 0; j < G; ++j) off[j] = _mm512_dpwssd_epi32(off[j], sp, _mm512_set1_epi32(load32(y[j] + 260 + 4 * k)));
        }
        const __m512 dw = _mm512_load_ps((const float *)(P + Q6P_D(16)));
        for (int j = 0; j < G; ++j) {
            const __m512i isum = _mm512_sub_epi32(sumi[j], _mm512_slli_epi32(off[j], 5));
            const __m512 t = _mm512_mul_ps(_mm512_cvtepi32_ps(isum), dw);
            acc[j] = _mm512_fmadd_ps(t, _mm512_set1_ps(load_f32(y[j])), acc[j]);
        }
    }
    for (int j = 0; j < G; ++j) _mm512_mask_storeu_ps(out + (size_t)j * os, mask, acc[j]);
}

// --- AVX2: 8 rows per panel; maddubs + madd with the scale pair folds the
// scale into the integer step.

static ALWAYS_INLINE ICK_AVX2 void q6_k_panel_avx2(const int G, int nsb, const uint8_t *panel,
                                                  const uint8_t *a, size_t arb, float *out, size_t os, int rows) {
    __m256 acc[4];
    for (int j = 0; j < G; ++j) acc[j] = _mm256_setzero_ps();
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *P = panel + (size_t)i * Q6P_BYTES(8);
        const uint8_t *y[4];
        __m256i sumi[4];
        for (int j = 0; j < G; ++j) {
            y[j] = a + (size_t)j * arb + (size_t)i * Q8K_BYTES;
            sumi[j] = _mm256_setzero_si256();
        }
        for (int s = 0; s < 16; ++s) {
            const __m256i sc = _mm256_load_si256((const __m256i *)(P + Q6P_SC(8) + s * 32));
            for (int k = 0; k < 4; ++k) {
                const __m256i wq = _mm256_load_si256((const __m256i *)(P + (size_t)(s * 4 + k) * 32));
                for (int j = 0; j < G; ++j) {
                    const __m256i prod = _mm256_maddubs_epi16(wq, _mm256_set1_epi32(load32(y[j] + 4 + 16 * s + 4 * k)));
                    sumi[j] = _mm256_add_epi32(sumi[j], _mm256_madd_epi16(prod, sc));
                }
            }
        }
        for (int k = 0; k < 8; ++k) {
            const __m256i sp = _mm256_load_si256((const __m256i *)(P + Q6P_SP(8) + k * 32));
            for (int j = 0; j < G; ++j)
                sumi[j] = _mm256_sub_epi32(sumi[j], _mm256_slli_epi32(_mm256_madd_epi16(sp, _mm256_set1_epi32(load32(y[j] + 260 + 4 * k))), 5));
        }
        const __m256 dw = _mm256_load_ps((const float *)(P + Q6P_D(8)));
        for (int j = 0; j < G; ++j) {
            const __m256 t = _mm256_mul_ps(_mm256_cvtepi32_ps(sumi[j]), dw);
            acc[j] = _mm256_fmadd_ps(t, _mm256_set1_ps(load_f32(y[j])), acc[j]);
        }
    }
    for (int j = 0; j < G; ++j) {
        float v[8];
        _mm256_storeu_ps(v, acc[j]);
        memcpy(out + (size_t)j * os, v, (size_t)rows * 4);
    }
}

// --- Pair kernels: M (1..3) activation rows, each weight super-block unpacked once.

static ALWAYS_INLINE ICK_AVX2 void q6_k_pairs_avx2(const int M, const int tiled, int nsb, const uint8_t *x,
                                                  const uint8_t *a, size_t arb, float *out, size_t os) {
    const __m256i m4 = _mm256_set1_epi8(0x0F), m2 = _mm256_set1_epi8(3);
    __m256 acc[3] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float tiled_acc[3] = {0, 0, 0};
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *xb = x + (size_t)i * 210;
        const int8_t *sc = (const int8_t *)(xb + 192);
        const __m256i scales16 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)sc));
        __m256i q[8], scv[8];
        for (int h = 0; h < 2; ++h) {
            const __m256i L0 = _mm256_loadu_si256((const __m256i *)(xb + 64 * h));
            const __m256i L1 = _mm256_loadu_si256((const __m256i *)(xb + 64 * h + 32));
            const __m256i H = _mm256_loadu_si256((const __m256i *)(xb + 128 + 32 * h));
            q[4 * h] = _mm256_or_si256(_mm256_and_si256(L0, m4), _mm256_slli_epi16(_mm256_and_si256(H, m2), 4));
            q[4 * h + 1] = _mm256_or_si256(_mm256_and_si256(L1, m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 2), m2), 4));
            q[4 * h + 2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L0, 4), m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 4), m2), 4));
            q[4 * h + 3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L1, 4), m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 6), m2), 4));
            for (int g = 0; g < 4; ++g)
                scv[4 * h + g] = _mm256_set_m128i(_mm_set1_epi16(sc[8 * h + 2 * g + 1]), _mm_set1_epi16(sc[8 * h + 2 * g]));
        }
        const float dw = ick_f16(xb + 208);
        for (int j = 0; j < M; ++j) {
            const uint8_t *yb = a + (size_t)j * arb + (size_t)i * Q8K_BYTES;
            __m256i sumi = _mm256_setzero_si256();
            for (int k = 0; k < 8; ++k)
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(_mm256_maddubs_epi16(q[k], _mm256_loadu_si256((const __m256i *)(yb + 4 + 32 * k))), scv[k]));
            const __m256i offset = _mm256_slli_epi32(_mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(yb + 260)), scales16), 5);
            const __m256i lanes = _mm256_sub_epi32(sumi, offset);
            if (tiled) tiled_acc[j] = fmaf((float)ick_hsum_i32(lanes) * dw, load_f32(yb), tiled_acc[j]);
            else acc[j] = _mm256_fmadd_ps(_mm256_set1_ps(dw * load_f32(yb)), _mm256_cvtepi32_ps(lanes), acc[j]);
        }
    }
    for (int j = 0; j < M; ++j) out[(size_t)j * os] = tiled ? tiled_acc[j] : ick_hsum(acc[j]);
}

// Q6_K, per-lane order (below 8 batch tokens). Two 32-value groups share a
// zmm (lanes 0-7 group g, 8-15 group g+1); adding the halves gives ggml's
// eight lane integers exactly, and each lane then takes its float steps.
static ALWAYS_INLINE ICK_AVX512 void q6_k_pairs_512(const int M, const int tiled, int nsb, const uint8_t *x,
                                                   const uint8_t *a, size_t arb, float *out, size_t os) {
    const __m512i m4 = _mm512_set1_epi8(0x0F), m2 = _mm512_set1_epi8(3);
    const __m512i shift01 = _mm512_inserti64x4(_mm512_setzero_si512(), _mm256_set1_epi16(2), 1);
    const __m512i shift23 = _mm512_inserti64x4(_mm512_set1_epi16(4), _mm256_set1_epi16(6), 1);
    __m256 acc[3] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float tiled_acc[3] = {0, 0, 0};
    for (int i = 0; i < nsb; ++i) {
        const uint8_t *xb = x + (size_t)i * 210;
        const __m256i scales16 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(xb + 192)));
        const __m512i scales = _mm512_castsi256_si512(scales16);
        __m512i q[4], scv[4];
        for (int h = 0; h < 2; ++h) {
            const __m512i L = _mm512_loadu_si512((const void *)(xb + 64 * h));
            const __m512i H = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(xb + 128 + 32 * h)));
            // Groups 0 and 1 of this half, then groups 2 and 3.
            q[2 * h] = _mm512_or_si512(_mm512_and_si512(L, m4),
                                       _mm512_slli_epi16(_mm512_and_si512(_mm512_srlv_epi16(H, shift01), m2), 4));
            q[2 * h + 1] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(L, 4), m4),
                                           _mm512_slli_epi16(_mm512_and_si512(_mm512_srlv_epi16(H, shift23), m2), 4));
            for (int g2 = 0; g2 < 2; ++g2) {
                // 128-bit lane k: scale 8h + 4 g2 + k.
                const int b = 8 * h + 4 * g2;
                const __m512i idx = _mm512_inserti64x4(
                    _mm512_castsi256_si512(_mm256_set_m128i(_mm_set1_epi16((short)(b + 1)), _mm_set1_epi16((short)b))),
                    _mm256_set_m128i(_mm_set1_epi16((short)(b + 3)), _mm_set1_epi16((short)(b + 2))), 1);
                scv[2 * h + g2] = _mm512_permutexvar_epi16(idx, scales);
            }
        }
        const float dw = ick_f16(xb + 208);
        for (int j = 0; j < M; ++j) {
            const uint8_t *yb = a + (size_t)j * arb + (size_t)i * Q8K_BYTES;
            __m512i sumi = _mm512_setzero_si512();
            for (int k = 0; k < 4; ++k)
                sumi = _mm512_add_epi32(sumi, _mm512_madd_epi16(_mm512_maddubs_epi16(q[k], _mm512_loadu_si512((const void *)(yb + 4 + 64 * k))), scv[k]));
            const __m256i offset = _mm256_slli_epi32(_mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(yb + 260)), scales16), 5);
            const __m256i lanes = _mm256_sub_epi32(_mm256_add_epi32(_mm512_castsi512_si256(sumi), _mm512_extracti64x4_epi64(sumi, 1)), offset);
            if (tiled) tiled_acc[j] = fmaf((float)ick_hsum_i32(lanes) * dw, load_f32(yb), tiled_acc[j]);
            else acc[j] = _mm256_fmadd_ps(_mm256_set1_ps(dw * load_f32(yb)), _mm256_cvtepi32_ps(lanes), acc[j]);
        }
    }
    for (int j = 0; j < M; ++j) out[(size_t)j * os] = tiled ? tiled_acc[j] : ick_hsum(acc[j]);
}

#define Q6_PANEL_512(G, per64, ...) q6_k_panel_512(G, __VA_ARGS__)
#define Q6_PANEL_AVX2(G, per64, ...) q6_k_panel_avx2(G, __VA_ARGS__)

#define DEFINE_GEMM_Q6_K(NAME, TARGET, PAIRS, PANEL, RB, PAIRS16, TRANSPOSE, TILED)       \
TARGET void NAME(int n, const void *w, size_t wrb, int r0, int r1,                        \
                 const void *a, size_t arb, int na, float *out, size_t os) {             \
    const int nsb = n / 256;                                                              \
    const uint8_t *W = (const uint8_t *)w, *A = (const uint8_t *)a;                       \
    uint8_t *panel = TILED && na >= PANEL_MIN_ROWS ? ick_kquant_panel_buffer((size_t)nsb * Q6P_BYTES(RB)) : NULL; \
    if (!panel) {                                                                         \
        for (int r = r0; r < r1; ++r) {                                                   \
            const uint8_t *wr = W + (size_t)r * wrb;                                      \
            for (int j = 0; j < na; j += 3) {                                             \
                const uint8_t *Aj = A + (size_t)j * arb;                                  \
                float *oj = out + (size_t)j * os + r;                                     \
                if (na - j >= 3) PAIRS(3, TILED, nsb, wr, Aj, arb, oj, os);               \
                else if (na - j == 2) PAIRS(2, TILED, nsb, wr, Aj, arb, oj, os);          \
                else PAIRS(1, TILED, nsb, wr, Aj, arb, oj, os);                           \
            }                                                                             \
        }                                                                                 \
        return;                                                                           \
    }                                                                                     \
    for (int r = r0; r < r1; r += RB) {                                                   \
        const int rows = r1 - r < RB ? r1 - r : RB;                                       \
        pack_q6_k(panel, W + (size_t)r * wrb, wrb, rows, nsb, RB, PAIRS16, TRANSPOSE);    \
        PANEL_PASSES(PANEL, rows);                                                        \
    }                                                                                     \
}

DEFINE_GEMM_Q6_K(ick_gemm_q6_k_avx2, ICK_AVX2, q6_k_pairs_avx2, Q6_PANEL_AVX2, 8, 1, transpose_8, 0)
DEFINE_GEMM_Q6_K(ick_gemm_q6_k_tiled_avx2, ICK_AVX2, q6_k_pairs_avx2, Q6_PANEL_AVX2, 8, 1, transpose_8, 1)
DEFINE_GEMM_Q6_K(ick_gemm_q6_k_avx512, ICK_AVX512, q6_k_pairs_512, Q6_PANEL_512, 16, 0, transpose_16, 0)
DEFINE_GEMM_Q6_K(ick_gemm_q6_k_tiled_avx512, ICK_AVX512, q6_k_pairs_512, Q6_PANEL_512, 16, 0, transpose_16, 1)

#else
void ick_gemm_q6_k_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q6_k_tiled_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q6_k_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q6_k_tiled_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
#endif
