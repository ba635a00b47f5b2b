// Q4_K and Q6_K weights against Q8_K activations (ggml-quants.h layouts).
//
// Float order. llama.cpp's result for an output depends on the batch size
// (see "Bit-exact with llama.cpp" in docs/DECISIONS.md), and every path here
// performs exactly its float operations per output, in its order:
// - Q4_K (llama.cpp repacks it on x86, q4_K_8x8): d = f16(d_w) * d_y and
//   dmin = f16(dmin_w) * d_y per super-block; an exact integer sum of the
//   scaled quants and one of the mins, each accumulated with an FMA by d and
//   dmin, the mins subtracted at the end. Activation rows in whole groups of
//   4 of the call (its gemm) take one integer per 64 values; the others (its
//   gemv) one per super-block.
// - Q6_K below 8 batch tokens (ggml_vec_dot_q6_K_q8_K, AVX2): eight int32
//   lanes per super-block (lane l: bytes 4l..4l+3 of every 32-value group
//   times their scale, minus 32 x the scaled bsums of group l), each lane
//   accumulated as fma(d, lane, acc), then ick_hsum's tree.
// - Q6_K from 8 batch tokens (llama.cpp's tiled matmul): one exact integer
//   per super-block, times f16(d_w), then an FMA by d_y.
// Integer sums are exact whichever instructions form them, which leaves the
// integer part free. Two kernel shapes use that:
// - Panels (prefill): weight rows are repacked per call, 16 (AVX-512) or 8
//   (AVX2) rows at a time, into 4-byte groups interleaved across the rows, so
//   one vpdpbusd (or maddubs + madd) multiplies a broadcast 4-byte group of
//   an activation row with the same group of all 16 rows and each int32 lane
//   is one output row: no horizontal sums at all, the scale products and the
//   float steps run with one output per lane, and each unpacked panel serves
//   every activation row of the call.
// - Pairs (decode and small batches): one weight row's super-block is
//   unpacked once for up to 3 activation rows (decode of candidates), and
//   the integer sums of up to 4 outputs and their mins are reduced together
//   (transpose-add) so their float steps share one vector. They follow every
//   order, so they also stand in when no panel memory could be had.
#include "InferenceKernels.h"
#include "kernels_x86.h"
#include <math.h>
#include <stdlib.h>

// Every fused multiply-add here is explicit, as in the llama.cpp code it
// replicates; the compiler must not fuse others.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)

#define Q8K_BYTES 292
#define ALWAYS_INLINE inline __attribute__((always_inline))

// Activation rows from which repacking the weights pays off (C harness:
// the panel kernels beat the pair kernels from 4 rows on). A harness may
// define it larger to run the pair kernels in every order.
#ifndef PANEL_MIN_ROWS
#define PANEL_MIN_ROWS 4
#endif

static inline void q4_k_scales(const uint8_t *s, int sc[8], int m[8]) {
    for (int j = 0; j < 4; ++j) {
        sc[j] = s[j] & 63;
        m[j] = s[j + 4] & 63;
        sc[j + 4] = (s[j + 8] & 15) | ((s[j] >> 6) << 4);
        m[j + 4] = (s[j + 8] >> 4) | ((s[j + 4] >> 6) << 4);
    }
}

// ---------------------------------------------------------------------------
// Panels: RB weight rows of one super-block, interleaved by 4-byte groups.
//
// Q4_K panel (RB rows):  quants  64 x RB x 4 bytes (group k = values 4k..4k+3;
//                                row r at 4r; one byte per value, 0..15)
//                        scales  8 x RB int32 (sub-block j, row r)
//                        mins    8 x RB int32 (m_j | m_j << 16: an int16 pair
//                                against a dword of two bsums)
//                        d, dmin RB floats each (f16 converted)
// Q6_K panel:            quants  64 x RB x 4 bytes (0..63, offset 32 not removed)
//                        scales  16 x RB int32 (sub-block of 16 values)
//                        pairs   8 x RB int32 (sc[2k] | sc[2k+1] << 16, int16)
//                        d       RB floats
// With `pairs16` the scales are stored as int16 pairs (s | s << 16) for
// madd (AVX2); otherwise as int32 for vpmulld (AVX-512).
#define Q4P_BYTES(RB) ((RB) * (256 + 32 + 32 + 8))
#define Q4P_SC(RB) ((RB) * 256)
#define Q4P_MN(RB) ((RB) * (256 + 32))
#define Q4P_D(RB) ((RB) * (256 + 64))
#define Q6P_BYTES(RB) ((RB) * (256 + 64 + 32 + 4))
#define Q6P_SC(RB) ((RB) * 256)
#define Q6P_SP(RB) ((RB) * (256 + 64))
#define Q6P_D(RB) ((RB) * (256 + 96))

static inline uint32_t pair16(int lo, int hi) {
    return (uint32_t)(uint16_t)(int16_t)lo | (uint32_t)(uint16_t)(int16_t)hi << 16;
}

// tmp holds RB rows of 64 dwords (4-byte groups of one super-block); the
// panel wants group k of all RB rows together: an RB x RB dword transpose per
// block of RB groups (scattered 4-byte stores cost 4x more).
typedef void (*transpose_fn)(const uint32_t *tmp, uint8_t *dst);

static ICK_AVX2 void transpose_8(const uint32_t *tmp, uint8_t *dst) {
    for (int c = 0; c < 8; ++c) {
        __m256i r[8], t[8], u[8];
        for (int i = 0; i < 8; ++i) r[i] = _mm256_load_si256((const __m256i *)(tmp + i * 64 + 8 * c));
        for (int i = 0; i < 4; ++i) {
            t[2 * i] = _mm256_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
            t[2 * i + 1] = _mm256_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
        }
        for (int i = 0; i < 2; ++i) {
            u[4 * i] = _mm256_unpacklo_epi64(t[4 * i], t[4 * i + 2]);
            u[4 * i + 1] = _mm256_unpackhi_epi64(t[4 * i], t[4 * i + 2]);
            u[4 * i + 2] = _mm256_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
            u[4 * i + 3] = _mm256_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
        }
        // u[4i + k] lane L: rows 4i..4i+3 of column 4L + k.
        for (int k = 0; k < 4; ++k) {
            _mm256_store_si256((__m256i *)(dst + (size_t)(8 * c + k) * 32), _mm256_permute2x128_si256(u[k], u[4 + k], 0x20));
            _mm256_store_si256((__m256i *)(dst + (size_t)(8 * c + 4 + k) * 32), _mm256_permute2x128_si256(u[k], u[4 + k], 0x31));
        }
    }
}

static ICK_AVX512 void transpose_16(const uint32_t *tmp, uint8_t *dst) {
    for (int c = 0; c < 4; ++c) {
        __m512i r[16], t[16], u[16];
        for (int i = 0; i < 16; ++i) r[i] = _mm512_load_si512((const void *)(tmp + i * 64 + 16 * c));
        for (int i = 0; i < 8; ++i) {
            t[2 * i] = _mm512_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
            t[2 * i + 1] = _mm512_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
        }
        for (int i = 0; i < 4; ++i) {
            u[4 * i] = _mm512_unpacklo_epi64(t[4 * i], t[4 * i + 2]);
            u[4 * i + 1] = _mm512_unpackhi_epi64(t[4 * i], t[4 * i + 2]);
            u[4 * i + 2] = _mm512_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
            u[4 * i + 3] = _mm512_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
        }
        // u[4i + k] lane L: rows 4i..4i+3 of column 4L + k; gather the four
        // row quarters of each column (a 4x4 transpose of 128-bit lanes).
        for (int k = 0; k < 4; ++k) {
            const __m512i v0 = _mm512_shuffle_i32x4(u[k], u[4 + k], 0x44), v1 = _mm512_shuffle_i32x4(u[k], u[4 + k], 0xEE);
            const __m512i w0 = _mm512_shuffle_i32x4(u[8 + k], u[12 + k], 0x44), w1 = _mm512_shuffle_i32x4(u[8 + k], u[12 + k], 0xEE);
            uint8_t *d = dst + (size_t)(16 * c + k) * 64;
            _mm512_store_si512((void *)d, _mm512_shuffle_i32x4(v0, w0, 0x88));
            _mm512_store_si512((void *)(d + 4 * 64), _mm512_shuffle_i32x4(v0, w0, 0xDD));
            _mm512_store_si512((void *)(d + 8 * 64), _mm512_shuffle_i32x4(v1, w1, 0x88));
            _mm512_store_si512((void *)(d + 12 * 64), _mm512_shuffle_i32x4(v1, w1, 0xDD));
        }
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

static _Atomic int panels_allowed = 1;

void ick_kquant_allow_panels(int allowed) { panels_allowed = allowed; }

// One growing panel buffer per thread (a few tens of KiB for this model).
static uint8_t *panel_buffer(size_t bytes) {
    static _Thread_local uint8_t *buffer;
    static _Thread_local size_t capacity;
    if (!panels_allowed) return NULL;
    if (bytes > capacity) {
        free(buffer);
        capacity = (bytes + 4095) & ~(size_t)4095;
        buffer = aligned_alloc(64, capacity);
        if (!buffer) capacity = 0;
    }
    return buffer;
}

static inline int32_t load32(const uint8_t *p) {
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline float load_f32(const uint8_t *p) {
    float v;
    memcpy(&v, p, 4);
    return v;
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

// ---------------------------------------------------------------------------
// Entry points.

// Activation rows of a panel in passes of G: whole groups of 4 of the call
// in Q4_K's gemm order, then the 1..3 left over in its gemv order (callers
// pass whole batches or tiles of multiples of 4). Q6_K ignores per64.
#define PANEL_PASSES(KERNEL, rows)                                                        \
    do {                                                                                  \
        int j = 0;                                                                        \
        for (; j + 4 <= na - na % 4; j += 4)                                              \
            KERNEL(4, 1, nsb, panel, A + (size_t)j * arb, arb, out + (size_t)j * os + r, os, rows); \
        switch (na - j) {                                                                 \
        case 3: KERNEL(3, 0, nsb, panel, A + (size_t)j * arb, arb, out + (size_t)j * os + r, os, rows); break; \
        case 2: KERNEL(2, 0, nsb, panel, A + (size_t)j * arb, arb, out + (size_t)j * os + r, os, rows); break; \
        case 1: KERNEL(1, 0, nsb, panel, A + (size_t)j * arb, arb, out + (size_t)j * os + r, os, rows); break; \
        default: break;                                                                   \
        }                                                                                 \
    } while (0)

#define Q6_PANEL_512(G, per64, ...) q6_k_panel_512(G, __VA_ARGS__)
#define Q6_PANEL_AVX2(G, per64, ...) q6_k_panel_avx2(G, __VA_ARGS__)

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
    uint8_t *panel = na >= PANEL_MIN_ROWS ? panel_buffer((size_t)nsb * Q4P_BYTES(RB)) : NULL; \
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

// Q6_K's order is fixed per call (TILED), so panels serve only the tiled one.
#define DEFINE_GEMM_Q6_K(NAME, TARGET, PAIRS, PANEL, RB, PAIRS16, TRANSPOSE, TILED)       \
TARGET void NAME(int n, const void *w, size_t wrb, int r0, int r1,                        \
                 const void *a, size_t arb, int na, float *out, size_t os) {             \
    const int nsb = n / 256;                                                              \
    const uint8_t *W = (const uint8_t *)w, *A = (const uint8_t *)a;                       \
    uint8_t *panel = TILED && na >= PANEL_MIN_ROWS ? panel_buffer((size_t)nsb * Q6P_BYTES(RB)) : NULL; \
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

DEFINE_GEMM_Q4_K(ick_gemm_q4_k_avx2, ICK_AVX2, q4_k_pairs_avx2, q4_k_panel_avx2, 8, 1, transpose_8)
DEFINE_GEMM_Q6_K(ick_gemm_q6_k_avx2, ICK_AVX2, q6_k_pairs_avx2, Q6_PANEL_AVX2, 8, 1, transpose_8, 0)
DEFINE_GEMM_Q6_K(ick_gemm_q6_k_tiled_avx2, ICK_AVX2, q6_k_pairs_avx2, Q6_PANEL_AVX2, 8, 1, transpose_8, 1)
DEFINE_GEMM_Q4_K(ick_gemm_q4_k_avx512, ICK_AVX512, q4_k_pairs_512, q4_k_panel_512, 16, 0, transpose_16)
DEFINE_GEMM_Q6_K(ick_gemm_q6_k_avx512, ICK_AVX512, q6_k_pairs_512, Q6_PANEL_512, 16, 0, transpose_16, 0)
DEFINE_GEMM_Q6_K(ick_gemm_q6_k_tiled_avx512, ICK_AVX512, q6_k_pairs_512, Q6_PANEL_512, 16, 0, transpose_16, 1)

#else
void ick_gemm_q4_k_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q6_k_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q6_k_tiled_avx2(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q4_k_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q6_k_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_gemm_q6_k_tiled_avx512(int n, const void *w, size_t wrb, int r0, int r1, const void *a, size_t arb, int na, float *out, size_t os) {}
void ick_kquant_allow_panels(int allowed) {}
#endif
