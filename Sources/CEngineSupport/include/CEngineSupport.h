#ifndef C_ENGINE_SUPPORT_H
#define C_ENGINE_SUPPORT_H

#include <stdint.h>

/// 1 if this processor runs the 512-bit vector instructions the engine's wide matrix kernel
/// uses (AVX-512 F and VL), else 0. Always 0 on processors other than x86-64.
int cpu_features_has_avx512(void);

/// Asks the C allocator to keep freed blocks for reuse rather than return them to the system
/// (glibc: no mmap below 64 MB, trim only above 256 MB free). Returns 1 if the allocator
/// took the settings, 0 where it has no such settings (not glibc).
int allocator_keep_freed_memory(void);

/// GFLOP/s of independent 16-wide fused multiply-adds held in registers: one core's peak for
/// the wide matrix kernel. 0 without AVX-512. Takes about a tenth of a second.
double fma_peak_wide_gflops(void);

/// The `rows × columns` corner of a row-major matrix (row stride `ld`) copied into a block of
/// `blockRows × blockColumns` (row-major, `blockColumns` a multiple of the lanes), every lane
/// outside the corner set to zero; and the corner copied back, nothing else written. What the
/// matrix kernels do with a partial block at the edge of `C`: one masked vector load or store
/// per row and lane group, where copying element by element cost several times the block's
/// arithmetic in a small layer. The wide pair needs AVX-512 (call only after checking), the
/// narrow pair AVX2, like the rest of the engine; elsewhere both copy element by element.
void engine_wide_copy_corner_in(const float *matrix, long ld, long rows, long columns,
                                float *block, long blockRows, long blockColumns);
void engine_wide_copy_corner_out(const float *block, long blockColumns, float *matrix, long ld,
                                 long rows, long columns);
void engine_narrow_copy_corner_in(const float *matrix, long ld, long rows, long columns,
                                  float *block, long blockRows, long blockColumns);
void engine_narrow_copy_corner_out(const float *block, long blockColumns, float *matrix, long ld,
                                   long rows, long columns);

/// One panel of a transposed right operand for the matrix kernels: `target[p * width + j] =
/// b[j * ldb + p]` for rows `j < columns` (≤ `width`) of `b` and depths `p < k`; columns of the
/// panel from `columns` on are not written. On x86-64 (AVX2, like the rest of the engine) it
/// moves 8 × 8 blocks through registers: copied a value at a time, the packing of every step's
/// `x · Wᵀ` in lesson 11's hand-written cell took 8% of its run (3% in blocks). The values are
/// copied, never changed, whichever way.
void engine_pack_transposed_panel(const float *b, long ldb, long k, long columns, float *target, long width);

/// Consecutive panels of a left operand stored transposed, for the matrix kernels: panel `q`
/// (rows `q * rows ..< (q + 1) * rows` of op(A), which are columns of `a`) goes to
/// `target + q * rows * k`, with
/// `target[q * rows * k + p * rows + r] = a[p * lda + q * rows + r]` for `r < rows`, `p < k`
/// — the `rows` values of each depth step, which lie side by side in `a`, gathered into one
/// stream per panel. The values are copied, never changed.
void engine_pack_row_panels(const float *a, long lda, long k, long panels, long rows, float *target);

/// Asks the processor to bring the cache line holding `address` into its level-2 cache ahead of
/// a read. A hint only: it never faults and changes no values.
static inline void engine_prefetch(const void *address) { __builtin_prefetch(address, 0, 2); }

/// The same for a line about to be written: fetched ready to be modified, so the stores that
/// fill it do not each wait for it.
static inline void engine_prefetch_for_writing(void *address) { __builtin_prefetch(address, 1, 2); }

/// Tells the processor that this thread is spinning on a value another core will change: it
/// frees the core's shared resources for a moment (x86's `pause`) instead of racing the loop.
static inline void engine_spin_pause(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
}

/// A range of a parallel region's pieces that threads claim one at a time (`WorkerTeam`): one
/// 64-bit word holding the region's `tag`, the range's front and its end (pieces below 2¹⁶).
/// Its owner takes pieces from the front, in order; another thread that has run out takes
/// them from the back. A claim made with another region's tag, or on an empty range, takes
/// nothing and returns -1: a thread that wakes late cannot take a later region's pieces
/// under an earlier region's body. Each word should sit on a cache line of its own.
void engine_claims_open(uint64_t *word, uint32_t tag, long front, long end);
long engine_claim_front(uint64_t *word, uint32_t tag);
long engine_claim_back(uint64_t *word, uint32_t tag);

#endif
