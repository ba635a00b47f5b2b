// Activation rows to Q8_0 / Q8_K (AVX2), byte for byte what the Swift
// references in Sources/Inference/Quant produce (ggml's rounding): the Swift
// loops were 4-5% of prefill and ran on the caller alone for decode batches.
#include "InferenceKernels.h"
#include "kernels_x86.h"

#if defined(__x86_64__)

// 8 floats -> 8 int32, rounded to nearest even (the MXCSR default, as ggml's
// _mm256_round_ps(_MM_ROUND_NEAREST) then cvtps).
static inline ICK_AVX2 __m256i round_i32(__m256 v) {
    return _mm256_cvtps_epi32(_mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}

// Four vectors of 8 int32 (each within int8 range) -> 32 int8 in order.
static inline ICK_AVX2 __m256i pack_i8(__m256i a, __m256i b, __m256i c, __m256i d) {
    const __m256i ab = _mm256_packs_epi32(a, b), cd = _mm256_packs_epi32(c, d);
    const __m256i q = _mm256_packs_epi16(ab, cd);
    // packs works per 128-bit lane: restore the order of the 32-bit groups.
    return _mm256_permutevar8x32_epi32(q, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

static inline ICK_AVX2 float hmax(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

ICK_AVX2 void ick_quantize_q8_0_avx2(int n, const float *x, void *dst) {
    const __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));
    uint8_t *out = (uint8_t *)dst;
    for (int b = 0; b < n / 32; ++b, x += 32, out += 34) {
        __m256 v[4];
        __m256 amax = _mm256_setzero_ps();
        for (int k = 0; k < 4; ++k) {
            v[k] = _mm256_loadu_ps(x + 8 * k);
            amax = _mm256_max_ps(_mm256_and_ps(v[k], abs_mask), amax);  // NaN skipped, as in Swift's max
        }
        const float m = hmax(amax);
        const float d = m / 127.f;
        const float id = m != 0.f ? 127.f / m : 0.f;
        const uint16_t h = (uint16_t)_mm_extract_epi16(_mm_cvtps_ph(_mm_set_ss(d), _MM_FROUND_TO_NEAREST_INT), 0);
        memcpy(out, &h, 2);
        const __m256 mul = _mm256_set1_ps(id);
        const __m256i q = pack_i8(round_i32(_mm256_mul_ps(v[0], mul)), round_i32(_mm256_mul_ps(v[1], mul)),
                                  round_i32(_mm256_mul_ps(v[2], mul)), round_i32(_mm256_mul_ps(v[3], mul)));
        _mm256_storeu_si256((__m256i *)(out + 2), q);
    }
}

ICK_AVX2 void ick_quantize_q8_k_avx2(int n, const float *x, void *dst) {
    const __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));
    uint8_t *out = (uint8_t *)dst;
    for (int b = 0; b < n / 256; ++b, x += 256, out += 292) {
        __m256 amax = _mm256_setzero_ps();
        for (int k = 0; k < 32; ++k) amax = _mm256_max_ps(_mm256_and_ps(_mm256_loadu_ps(x + 8 * k), abs_mask), amax);
        const float a = hmax(amax);
        if (a == 0.f) {
            memset(out, 0, 292);
            continue;
        }
        // The scale comes from the signed value of the first largest magnitude.
        int first = 0;
        while (!(__builtin_fabsf(x[first]) == a)) ++first;
        const float iscale = -127.f / x[first];
        const __m256 mul = _mm256_set1_ps(iscale);
        const __m256i top = _mm256_set1_epi32(127);
        for (int g = 0; g < 8; ++g) {
            __m256i v[4];
            for (int k = 0; k < 4; ++k)
                v[k] = _mm256_min_epi32(round_i32(_mm256_mul_ps(_mm256_loadu_ps(x + 32 * g + 8 * k), mul)), top);
            const __m256i q = pack_i8(v[0], v[1], v[2], v[3]);
            _mm256_storeu_si256((__m256i *)(out + 4 + 32 * g), q);
            // bsums of the two groups of 16: widen to i16, add pairs, then 8 -> 1.
            const __m256i s16 = _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm256_castsi256_si128(q)), _mm256_set1_epi16(1));
            const __m256i t16 = _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm256_extracti128_si256(q, 1)), _mm256_set1_epi16(1));
            const int16_t s0 = (int16_t)ick_hsum_i32(s16), s1 = (int16_t)ick_hsum_i32(t16);
            memcpy(out + 260 + 4 * g, &s0, 2);
            memcpy(out + 262 + 4 * g, &s1, 2);
        }
        const float d = 1.f / iscale;
        memcpy(out, &d, 4);
    }
}

#else
void ick_quantize_q8_0_avx2(int n, const float *x, void *dst) {}
void ick_quantize_q8_k_avx2(int n, const float *x, void *dst) {}
#endif
