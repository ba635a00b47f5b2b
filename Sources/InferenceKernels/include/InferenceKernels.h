// ISA-specific kernels for the Inference module. Every function here has a
// portable Swift reference in Sources/Inference/Quant; callers must check
// ick_cpu_features() before calling an _avx2 / _avxvnni entry point.
#ifndef INFERENCE_KERNELS_H
#define INFERENCE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

enum {
    ICK_FEATURE_AVX2 = 1,     // AVX2 + FMA + F16C
    ICK_FEATURE_AVXVNNI = 2,  // AVX-VNNI (vpdpbusd on ymm)
    ICK_FEATURE_AVX512 = 4,   // AVX-512 F/BW/VL + VNNI (zmm state enabled by the OS)
};

/// Bit set of ICK_FEATURE_* the running CPU (and OS) supports.
int ick_cpu_features(void);

// Row-block matmul: for r in [row_begin, row_end) and j in [0, n_act):
//   out[j * out_stride + r] = dot(weight row r, activation row j)
// n is the row length in values (a multiple of the block size).
// w_row_bytes / a_row_bytes: bytes per weight / activation row.
typedef void (*ick_gemm_fn)(int n,
                            const void *w, size_t w_row_bytes, int row_begin, int row_end,
                            const void *a, size_t a_row_bytes, int n_act,
                            float *out, size_t out_stride);

// Q8_0 and Q5_0 weights against Q8_0 activations; Q4_K and Q6_K against Q8_K.
void ick_gemm_q8_0_avx2(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q8_0_avxvnni(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q5_0_avx2(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q5_0_avxvnni(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q4_0_avx2(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
// AVX-512 VNNI versions: the same results as the AVX2 ones, bit for bit.
void ick_gemm_q8_0_avx512(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q5_0_avx512(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q4_0_avx512(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q4_k_avx2(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q6_k_avx2(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q4_k_avx512(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q6_k_avx512(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);

// Float helpers for attention (AVX2 + FMA).
float ick_dot_f32_avx2(int n, const float *x, const float *y);
/// y += a * x
void ick_axpy_f32_avx2(int n, float a, const float *x, float *y);

// Attention over an f16 KV cache (AVX2 + F16C).
/// sum_i f16(k[i]) * q[i]
float ick_dot_f16_avx2(int n, const uint16_t *k, const float *q);
/// y[i] += a * f16(v[i])
void ick_axpy_f16_avx2(int n, float a, const uint16_t *v, float *y);
/// Grouped-query attention over `count` consecutive cells of an f16 cache,
/// for the `nq` (1..4) query heads sharing one KV head. Keys/values of cell i
/// start at k + i * stride / v + i * stride.
/// scores[h * ld + i] = dot(q + h * hd, key i)
void ick_gqa_scores_f16_avx2(int hd, int nq, const float *q, const uint16_t *k, size_t stride,
                             int count, float *scores, size_t ld);
/// out[h * hd + d] += sum_i p[h * ld + i] * value_i[d]   (keys summed in order)
void ick_gqa_values_f16_avx2(int hd, int nq, const float *p, size_t ld, const uint16_t *v, size_t stride,
                             int count, float *out);
/// dst[i] = f16(src[i]) (round to nearest even)
void ick_f32_to_f16_avx2(int n, const float *src, uint16_t *dst);

/// A spin-wait hint (x86 PAUSE) for the compute pool's busy waits.
void ick_cpu_relax(void);

#endif
