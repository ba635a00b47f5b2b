// The FFN's GELU gate, gelu(gate) * up, through ggml's f16 lookup table
// (GGML_GELU_FP16): F16C converts eight gates at once and a gather reads
// their table entries, where Swift converts and looks up one at a time.
#include "InferenceKernels.h"
#include "kernels_x86.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
ICK_AVX2 void ick_geglu_table_avx2(int n, const float *gate, const float *up, const float *table, float *out) {
    const __m256 low = _mm256_set1_ps(-10.0f), high = _mm256_set1_ps(10.0f);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 x = _mm256_loadu_ps(gate + i), u = _mm256_loadu_ps(up + i);
        const __m256i index = _mm256_cvtepu16_epi32(_mm256_cvtps_ph(x, _MM_FROUND_TO_NEAREST_INT));
        __m256 y = _mm256_mul_ps(_mm256_i32gather_ps(table, index, 4), u);
        // ggml's cut-offs: 0 below -10, x itself from 10 on.
        y = _mm256_blendv_ps(y, _mm256_mul_ps(x, u), _mm256_cmp_ps(x, high, _CMP_GE_OQ));
        y = _mm256_blendv_ps(y, _mm256_setzero_ps(), _mm256_cmp_ps(x, low, _CMP_LE_OQ));
        _mm256_storeu_ps(out + i, y);
    }
    for (; i < n; ++i) {
        const float x = gate[i];
        out[i] = x <= -10.0f ? 0.0f : x >= 10.0f ? x * up[i] : table[_cvtss_sh(x, _MM_FROUND_TO_NEAREST_INT)] * up[i];
    }
}
#else
void ick_geglu_table_avx2(int n, const float *gate, const float *up, const float *table, float *out) {}
#endif
