// Scans over a vocabulary-sized logits row for the sampler (AVX2): 262k
// logits per token per candidate, where Swift's SIMD8 loops (not inlined,
// bounds-checked heap steps) made sampling a sixth of a decode step.
#include "InferenceKernels.h"
#include "kernels_x86.h"

#if defined(__x86_64__)

ICK_AVX2 float ick_max_f32_avx2(int n, const float *x) {
    // max_ps returns its second operand when either is NaN: x first, so NaNs are skipped.
    __m256 m0 = _mm256_set1_ps(-__builtin_inff()), m1 = m0, m2 = m0, m3 = m0;
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        m0 = _mm256_max_ps(_mm256_loadu_ps(x + i), m0);
        m1 = _mm256_max_ps(_mm256_loadu_ps(x + i + 8), m1);
        m2 = _mm256_max_ps(_mm256_loadu_ps(x + i + 16), m2);
        m3 = _mm256_max_ps(_mm256_loadu_ps(x + i + 24), m3);
    }
    for (; i + 8 <= n; i += 8) m0 = _mm256_max_ps(_mm256_loadu_ps(x + i), m0);
    m0 = _mm256_max_ps(_mm256_max_ps(m0, m1), _mm256_max_ps(m2, m3));
    float lanes[8];
    _mm256_storeu_ps(lanes, m0);
    float best = lanes[0];
    for (int k = 1; k < 8; ++k) best = lanes[k] > best ? lanes[k] : best;
    for (; i < n; ++i) best = x[i] > best ? x[i] : best;
    return best;
}

ICK_AVX2 void ick_chunk_max_f32_avx2(int n, const float *x, int chunks, float *out) {
    for (int c = 0; c < chunks; ++c) {
        const int lo = (int)((long)n * c / chunks), hi = (int)((long)n * (c + 1) / chunks);
        out[c] = ick_max_f32_avx2(hi - lo, x + lo);
    }
}

ICK_AVX2 int ick_select_ge_f32_avx2(int n, const float *x, float threshold, int32_t *idx, int cap) {
    const __m256 t = _mm256_set1_ps(threshold);
    int count = 0, i = 0;
    for (; i + 16 <= n; i += 16) {
        // Ordered compare: NaN never qualifies.
        const unsigned m = (unsigned)_mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(x + i), t, _CMP_GE_OQ))
                         | (unsigned)_mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(x + i + 8), t, _CMP_GE_OQ)) << 8;
        for (unsigned bits = m; bits; bits &= bits - 1) {
            idx[count++] = i + __builtin_ctz(bits);
            if (count == cap) return count;
        }
    }
    for (; i < n; ++i)
        if (x[i] >= threshold) {
            idx[count++] = i;
            if (count == cap) return count;
        }
    return count;
}

#else
float ick_max_f32_avx2(int n, const float *x) { return 0; }
void ick_chunk_max_f32_avx2(int n, const float *x, int chunks, float *out) {}
int ick_select_ge_f32_avx2(int n, const float *x, float threshold, int32_t *idx, int cap) { return 0; }
#endif
