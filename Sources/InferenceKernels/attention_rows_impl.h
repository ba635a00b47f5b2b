// The body of ick_attn_rows_<isa>, written once over a 16-lane float vector
// `v16` and included by attention_rows_avx2.c / attention_rows_avx512.c,
// which define before including:
//   ATT_TARGET          the function attribute of the ISA
//   ATT_FN              the exported name
//   v16 and v16_zero(), v16_load_h(const uint16_t *) (16 halves to float),
//   v16_load_f(const float *), v16_set1(float), v16_fma(a, b, c) = a*b + c,
//   v16_add(a, b), v16_store(float *, v16), v16_reduce(v16) (16 lanes summed
//   as GCC's _mm512_reduce_add_ps: halves, quarters, pairs),
//   att_softmax(float *row, int count) (ggml soft_max, f16 probabilities)
//   SC_RB, SC_KB        score block: query rows x keys held in registers
//   VA_RB, VA_CB        value block: query rows x 16-dim chunks
//
// llama.cpp's float order: for one token (decode) ggml computes q.k and p.v
// with ggml_vec_dot_f16, which in its AVX-512 build keeps 4 accumulators of
// 16 lanes: element i goes to slot i % 64, one FMA chain per slot; then
// acc0+acc2, acc1+acc3, their sum, and a halving tree over the 16 lanes
// (GCC's _mm512_reduce_add_ps). For a batch (prefill) its llamafile sgemm
// keeps one 16-lane accumulator (slot i % 16) and the same tree. For p.v, i
// is the key's position (its KV cell in llama.cpp's single-sequence cache).
// Each output here takes exactly those operations (AttentionMath is the
// scalar statement of them); only the order in which outputs are computed
// differs: q.k keeps the slots in lanes for a block of rows x keys, p.v
// keeps the dims in lanes and one register per slot for a block of rows,
// so each f16 key and value chunk is converted once per block, not once per
// query head and token.

#define ATT_UNROLL _Pragma("GCC unroll 16")

// scores[r][i + k] = q_r . key_k for RB rows and KB keys; NS = slots / 16
// vectors per output (64 slots: 4 FMA chains of 16 lanes, element d in
// vector (d / 16) % 4).
#define ATT_DEF_SCORES(NAME, RB, KB, NS)                                                                          \
    static inline ATT_TARGET void NAME(int hd, const float *const *q,             \
                                                                const uint16_t *const *k, float *const *s, \
                                                                int i) {                                   \
        v16 acc[RB][KB][NS];                                                                               \
        ATT_UNROLL for (int r = 0; r < RB; ++r) ATT_UNROLL for (int kk = 0; kk < KB; ++kk)                  \
            ATT_UNROLL for (int n = 0; n < NS; ++n) acc[r][kk][n] = v16_zero();                            \
        for (int c = 0; c < hd; c += 16 * NS) {                                                            \
            ATT_UNROLL for (int n = 0; n < NS; ++n) {                                                      \
                v16 kv[KB];                                                                                \
                ATT_UNROLL for (int kk = 0; kk < KB; ++kk) kv[kk] = v16_load_h(k[kk] + c + 16 * n);        \
                ATT_UNROLL for (int r = 0; r < RB; ++r) {                                                  \
                    const v16 qv = v16_load_f(q[r] + c + 16 * n);                                          \
                    ATT_UNROLL for (int kk = 0; kk < KB; ++kk)                                             \
                        acc[r][kk][n] = v16_fma(kv[kk], qv, acc[r][kk][n]);                                \
                }                                                                                          \
            }                                                                                              \
        }                                                                                                  \
        ATT_UNROLL for (int r = 0; r < RB; ++r) ATT_UNROLL for (int kk = 0; kk < KB; ++kk) {                \
            v16 a = acc[r][kk][0];                                                                         \
            if (NS == 4)                                                                                   \
                a = v16_add(v16_add(acc[r][kk][0], acc[r][kk][NS > 2 ? 2 : 0]),                            \
                            v16_add(acc[r][kk][NS > 1 ? 1 : 0], acc[r][kk][NS > 3 ? 3 : 0]));              \
            s[r][i + kk] = v16_reduce(a);                                                                  \
        }                                                                                                  \
    }

ATT_DEF_SCORES(att_scores_block, SC_RB, SC_KB, 1)
ATT_DEF_SCORES(att_scores_rows, SC_RB, 1, 1)
ATT_DEF_SCORES(att_scores_keys, 1, SC_KB, 1)
ATT_DEF_SCORES(att_scores_one, 1, 1, 1)
ATT_DEF_SCORES(att_scores64_rows, SC_RB, 1, 4)
ATT_DEF_SCORES(att_scores64_one, 1, 1, 4)

// out[r][c ..< c + 16 * CB] = sum_i p[r][i] * value_i over positions
// [ilo, ihi): one FMA chain per slot (position i % slots) and dims lane,
// then the slot tree per dim, as ick_attn_values_ggml_avx2.
#define ATT_DEF_VALUES(NAME, RB, CB)                                                                             \
    static inline ATT_TARGET void NAME(int hd, int slots, const float *const *p,        \
                                                         float *const *out, const int32_t *cell,            \
                                                         const uint16_t *values, size_t kv_stride, int ilo, \
                                                         int ihi) {                                         \
        for (int c = 0; c < hd; c += 16 * CB) {                                                            \
            v16 lane[RB][CB][16];                                                                          \
            for (int l = 0; l < 16; ++l) {                                                                 \
                v16 part[4][RB][CB];                                                                       \
                for (int j = 0; j < slots / 16; ++j) {                                                     \
                    const int slot = l + 16 * j;                                                           \
                    v16 acc[RB][CB];                                                                       \
                    ATT_UNROLL for (int r = 0; r < RB; ++r) ATT_UNROLL for (int b = 0; b < CB; ++b)         \
                        acc[r][b] = v16_zero();                                                            \
                    int i = ilo - ilo % slots + slot;                                                      \
                    if (i < ilo) i += slots;                                                               \
                    for (; i < ihi; i += slots) {                                                          \
                        if (cell[i] < 0) continue;                                                         \
                        const uint16_t *v = values + (size_t)cell[i] * kv_stride + c;                      \
                        v16 vv[CB];                                                                        \
                        ATT_UNROLL for (int b = 0; b < CB; ++b) vv[b] = v16_load_h(v + 16 * b);            \
                        ATT_UNROLL for (int r = 0; r < RB; ++r) {                                          \
                            const v16 pr = v16_set1(p[r][i]);                                              \
                            ATT_UNROLL for (int b = 0; b < CB; ++b) acc[r][b] = v16_fma(vv[b], pr, acc[r][b]); \
                        }                                                                                  \
                    }                                                                                      \
                    ATT_UNROLL for (int r = 0; r < RB; ++r) ATT_UNROLL for (int b = 0; b < CB; ++b)         \
                        part[j][r][b] = acc[r][b];                                                         \
                }                                                                                          \
                ATT_UNROLL for (int r = 0; r < RB; ++r) ATT_UNROLL for (int b = 0; b < CB; ++b)             \
                    lane[r][b][l] = slots == 16 ? part[0][r][b]                                            \
                                                : v16_add(v16_add(part[0][r][b], part[2][r][b]),           \
                                                          v16_add(part[1][r][b], part[3][r][b]));          \
            }                                                                                              \
            ATT_UNROLL for (int r = 0; r < RB; ++r) ATT_UNROLL for (int b = 0; b < CB; ++b) {               \
                v16 *ln = lane[r][b];                                                                      \
                v16 t[8];                                                                                  \
                for (int l = 0; l < 8; ++l) t[l] = v16_add(ln[l], ln[l + 8]);                              \
                for (int l = 0; l < 4; ++l) t[l] = v16_add(t[l], t[l + 4]);                                \
                v16_store(out[r] + c + 16 * b, v16_add(v16_add(t[0], t[2]), v16_add(t[1], t[3])));         \
            }                                                                                              \
        }                                                                                                  \
    }

ATT_DEF_VALUES(att_values_block, VA_RB, VA_CB)
ATT_DEF_VALUES(att_values_4, 4, VA_CB)
ATT_DEF_VALUES(att_values_one, 1, VA_CB)

ATT_TARGET void ATT_FN(int hd, int ntok, int group, const float *q, float *out, size_t tok_stride,
                       const int32_t *lo, const int32_t *hi, const int32_t *cell, const uint16_t *keys,
                       const uint16_t *values, size_t kv_stride, float *scores, size_t ld, int slots) {
    const int nrows = ntok * group;
    int plo = lo[0], phi = hi[0];
    for (int t = 1; t < ntok; ++t) {
        plo = lo[t] < plo ? lo[t] : plo;
        phi = hi[t] > phi ? hi[t] : phi;
    }
    const int blo = plo & ~15, bhi = (phi + 15) & ~15;
#define ATT_Q(r) (q + (size_t)((r) / group) * tok_stride + (size_t)((r) % group) * hd)
#define ATT_OUT(r) (out + (size_t)((r) / group) * tok_stride + (size_t)((r) % group) * hd)
#define ATT_S(r) (scores + (size_t)(r) * ld)
#define ATT_KEY(i) (keys + (size_t)(cell[i] < 0 ? 0 : cell[i]) * kv_stride)

    // 1. Scores of every row for the positions any row sees (unmapped
    // positions read cell 0 and are masked below).
    int r = 0;
    for (; r < nrows; r += (nrows - r >= SC_RB ? SC_RB : 1)) {
        const int rb = nrows - r >= SC_RB ? SC_RB : 1;
        const float *qr[SC_RB];
        float *sr[SC_RB];
        for (int j = 0; j < rb; ++j) {
            qr[j] = ATT_Q(r + j);
            sr[j] = ATT_S(r + j);
        }
        int i = plo;
        if (slots == 64) {
            for (; i < phi; ++i) {
                const uint16_t *kr[1] = {ATT_KEY(i)};
                if (rb == SC_RB) att_scores64_rows(hd, qr, kr, sr, i);
                else att_scores64_one(hd, qr, kr, sr, i);
            }
            continue;
        }
        for (; i + SC_KB <= phi; i += SC_KB) {
            const uint16_t *kr[SC_KB];
            for (int kk = 0; kk < SC_KB; ++kk) kr[kk] = ATT_KEY(i + kk);
            if (rb == SC_RB) att_scores_block(hd, qr, kr, sr, i);
            else att_scores_keys(hd, qr, kr, sr, i);
        }
        for (; i < phi; ++i) {
            const uint16_t *kr[1] = {ATT_KEY(i)};
            if (rb == SC_RB) att_scores_rows(hd, qr, kr, sr, i);
            else att_scores_one(hd, qr, kr, sr, i);
        }
    }

    // 2. Mask, softmax over the row's own 16-aligned blocks (blocks that are
    // wholly masked add exactly 0 to the sum), zero elsewhere.
    for (r = 0; r < nrows; ++r) {
        float *s = ATT_S(r);
        const int t = r / group, rlo = lo[t] & ~15, rhi = (hi[t] + 15) & ~15;
        for (int i = rlo; i < rhi; ++i)
            if (i < lo[t] || i >= hi[t] || cell[i] < 0) s[i] = -INFINITY;
        att_softmax(s + rlo, rhi - rlo);
        for (int i = blo; i < rlo; ++i) s[i] = 0;
        for (int i = rhi; i < bhi; ++i) s[i] = 0;
    }

    // 3. Values: positions with p = 0 add exactly nothing, so a block of rows
    // runs over the union of their ranges.
    for (r = 0; r < nrows;) {
        int rb = nrows - r >= VA_RB ? VA_RB : (nrows - r >= 4 ? 4 : 1);
        const float *pr[VA_RB];
        float *orow[VA_RB];
        int ilo = bhi, ihi = blo;
        for (int j = 0; j < rb; ++j) {
            pr[j] = ATT_S(r + j);
            orow[j] = ATT_OUT(r + j);
            const int t = (r + j) / group;
            ilo = lo[t] < ilo ? lo[t] : ilo;
            ihi = hi[t] > ihi ? hi[t] : ihi;
        }
        if (rb == VA_RB) att_values_block(hd, slots, pr, orow, cell, values, kv_stride, ilo, ihi);
        else if (rb == 4) att_values_4(hd, slots, pr, orow, cell, values, kv_stride, ilo, ihi);
        else att_values_one(hd, slots, pr, orow, cell, values, kv_stride, ilo, ihi);
        r += rb;
    }
#undef ATT_Q
#undef ATT_OUT
#undef ATT_S
#undef ATT_KEY
}
