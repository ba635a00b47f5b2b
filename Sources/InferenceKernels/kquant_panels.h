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
#ifndef ICK_KQUANT_PANELS_H
#define ICK_KQUANT_PANELS_H
#if defined(__x86_64__)
#include "InferenceKernels.h"
#include "kernels_x86.h"
#include <math.h>
#include <stdlib.h>

#define Q8K_BYTES 292
#define ALWAYS_INLINE inline __attribute__((always_inline))

// Activation rows from which repacking the weights pays off (C harness:
// the panel kernels beat the pair kernels from 4 rows on). A harness may
// define it larger to run the pair kernels in every order.
#ifndef PANEL_MIN_ROWS
#define PANEL_MIN_ROWS 4
#endif

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

static inline ICK_AVX2 void transpose_8(const uint32_t *tmp, uint8_t *dst) {
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

static inline ICK_AVX512 void transpose_16(const uint32_t *tmp, uint8_t *dst) {
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

// The calling thread's panel buffer of at least `bytes`, or NULL when none
// could be had (or tests forbid panels): callers then take the pair kernels.
uint8_t *ick_kquant_panel_buffer(size_t bytes);

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

#endif
#endif
