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
/// Q6_K in the float order of llama.cpp's tiled matmul (batches of 8+ tokens).
void ick_gemm_q6_k_tiled_avx2(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q4_k_avx512(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q6_k_avx512(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
void ick_gemm_q6_k_tiled_avx512(int, const void *, size_t, int, int, const void *, size_t, int, float *, size_t);
/// Fault injection for tests: with 0, the K-quant kernels act as if no panel
/// memory could be had and take their pair-kernel fallback (same results).
void ick_kquant_allow_panels(int allowed);

// Activation quantization (AVX2), n a multiple of the block size: the same
// bytes as the Swift references (ggml's rounding; Q8_K from the signed value
// of the first largest magnitude, with bsums).
void ick_quantize_q8_0_avx2(int n, const float *x, void *dst);
void ick_quantize_q8_k_avx2(int n, const float *x, void *dst);

// Attention over an f16 KV cache (AVX2 + F16C; AVX-512 F/BW/VL for _avx512).
/// ggml soft_max of one row (count a multiple of 16), probabilities rounded
/// to f16; the same operations as AttentionMath.softmaxToF16.
void ick_softmax_f16_ggml_avx2(float *row, int count);
/// Attention of `ntok` tokens x `group` query heads against one KV head, in
/// llama.cpp's float order (the same operations as AttentionMath; hd a
/// multiple of 64; `slots` 16 for a prompt batch, 64 otherwise). Token t's
/// query head h is at q + t * tok_stride + h * hd, its output at the same
/// offset from out. Token t sees position i iff lo[t] <= i < hi[t] and
/// cell[i] >= 0; that position's key and value rows are at keys / values +
/// cell[i] * kv_stride. `cell` covers positions up to max(hi) rounded up to
/// 16; scores is scratch of ntok * group rows of `ld` floats (ld >= that
/// bound), indexed by position.
void ick_attn_rows_avx2(int hd, int ntok, int group, const float *q, float *out, size_t tok_stride,
                        const int32_t *lo, const int32_t *hi, const int32_t *cell, const uint16_t *keys,
                        const uint16_t *values, size_t kv_stride, float *scores, size_t ld, int slots);
void ick_attn_rows_avx512(int hd, int ntok, int group, const float *q, float *out, size_t tok_stride,
                          const int32_t *lo, const int32_t *hi, const int32_t *cell, const uint16_t *keys,
                          const uint16_t *values, size_t kv_stride, float *scores, size_t ld, int slots);
/// NEOX RoPE in place of `rows` rows of 2 * half floats (row r at x + r *
/// stride) at one position; cs holds cos[half] then sin[half]. The same
/// operations as TransformerOps.ropeNeox (ggml's, FMA-contracted).
void ick_rope_neox_avx2(int half, int rows, float *x, size_t stride, const float *cs);
/// x[i] = f16(x[i] * scale) as a float (round to nearest even).
void ick_scale_round_f16_avx2(int n, float *x, float scale);
/// dst[i] = f16(src[i]) (round to nearest even)
void ick_f32_to_f16_avx2(int n, const float *src, uint16_t *dst);

// Logits scans for the sampler (AVX2).
/// The largest of x[0..<n], NaNs skipped (-inf when there is none).
float ick_max_f32_avx2(int n, const float *x);
/// out[c] = the largest of chunk c of `chunks` near-equal consecutive
/// chunks of x[0..<n] (as ick_max_f32_avx2).
void ick_chunk_max_f32_avx2(int n, const float *x, int chunks, float *out);
/// Writes the indices i (ascending) with x[i] >= threshold to idx, stopping
/// after `cap` of them; returns how many were written.
int ick_select_ge_f32_avx2(int n, const float *x, float threshold, int32_t *idx, int cap);

/// A spin-wait hint (x86 PAUSE) for the compute pool's busy waits.
void ick_cpu_relax(void);

#endif
