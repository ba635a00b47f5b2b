// Shared inline helpers for the x86 kernels (included by the .c files only).
#ifndef ICK_KERNELS_X86_H
#define ICK_KERNELS_X86_H
#if defined(__x86_64__)
#include <immintrin.h>
#include <string.h>

#define ICK_AVX2 __attribute__((target("avx2,fma,f16c")))
#define ICK_VNNI __attribute__((target("avx2,fma,f16c,avxvnni")))
#define ICK_AVX512 __attribute__((target("avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni")))

static inline ICK_AVX2 float ick_f16(const void *p) {
    uint16_t h;
    memcpy(&h, p, 2);
    // Not _cvtsh_ss: clang inserts the halfword into whatever register it
    // picks (often a live accumulator), a false dependency that serialized
    // the Q8_0 loop on the previous block's FMA.
    return _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtsi32_si128(h)));
}

static inline ICK_AVX2 float ick_hsum(__m256 v) {
    __m128 lo = _mm256_castps256_ps128(v);
    __m128 hi = _mm256_extractf128_ps(v, 1);
    lo = _mm_add_ps(lo, hi);
    lo = _mm_add_ps(lo, _mm_movehl_ps(lo, lo));
    lo = _mm_add_ss(lo, _mm_movehdup_ps(lo));
    return _mm_cvtss_f32(lo);
}

static inline ICK_AVX2 int ick_hsum_i32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return _mm_cvtsi128_si32(s);
}

// 16 bytes of nibbles -> 32 bytes: low nibbles first, then high nibbles.
static inline ICK_AVX2 __m256i ick_nibbles32(const uint8_t *p) {
    const __m128i t = _mm_loadu_si128((const __m128i *)p);
    const __m256i b = _mm256_set_m128i(_mm_srli_epi16(t, 4), t);
    return _mm256_and_si256(b, _mm256_set1_epi8(0x0F));
}

// 32 bits -> 32 bytes, 0xFF where the bit is set.
static inline ICK_AVX2 __m256i ick_bits32(const uint8_t *p) {
    uint32_t x;
    memcpy(&x, p, 4);
    const __m256i shuf = _mm256_set_epi64x(0x0303030303030303, 0x0202020202020202,
                                           0x0101010101010101, 0x0000000000000000);
    __m256i bytes = _mm256_shuffle_epi8(_mm256_set1_epi32((int)x), shuf);
    bytes = _mm256_or_si256(bytes, _mm256_set1_epi64x(0x7fbfdfeff7fbfdfe));
    return _mm256_cmpeq_epi8(bytes, _mm256_set1_epi64x(-1));
}

// Signed x signed byte dot, 8 int32 partial sums (maddubs needs one unsigned side).
static inline ICK_AVX2 __m256i ick_dot_i8_avx2(__m256i ax, __m256i sy) {
    return _mm256_madd_epi16(_mm256_maddubs_epi16(ax, sy), _mm256_set1_epi16(1));
}
static inline ICK_VNNI __m256i ick_dot_i8_vnni(__m256i ax, __m256i sy) {
    return _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), ax, sy);
}
#endif
#endif
