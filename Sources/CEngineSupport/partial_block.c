#include "CEngineSupport.h"

#if defined(__x86_64__)
#include <immintrin.h>

/// Lanes 0 ..< count of a 16-lane mask (none for count ≤ 0, all for count ≥ 16).
static inline __mmask16 first_16_lanes(long count) {
    if (count <= 0) return 0;
    return count >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << count) - 1);
}

/// Lanes 0 ..< count of an 8-lane mask for AVX's masked moves (a lane is on when its sign bit is).
__attribute__((target("avx2")))
static inline __m256i first_8_lanes(long count) {
    long clamped = count < 0 ? 0 : (count > 8 ? 8 : count);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)clamped), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

__attribute__((target("avx512f")))
void engine_wide_copy_corner_in(const float *matrix, long ld, long rows, long columns,
                                float *block, long blockRows, long blockColumns) {
    for (long r = 0; r < blockRows; r++) {
        for (long lane = 0; lane < blockColumns; lane += 16) {
            __mmask16 mask = r < rows ? first_16_lanes(columns - lane) : 0;
            _mm512_storeu_ps(block + r * blockColumns + lane, _mm512_maskz_loadu_ps(mask, matrix + r * ld + lane));
        }
    }
}

__attribute__((target("avx512f")))
void engine_wide_copy_corner_out(const float *block, long blockColumns, float *matrix, long ld,
                                 long rows, long columns) {
    for (long r = 0; r < rows; r++) {
        for (long lane = 0; lane < blockColumns; lane += 16) {
            _mm512_mask_storeu_ps(matrix + r * ld + lane, first_16_lanes(columns - lane),
                                  _mm512_loadu_ps(block + r * blockColumns + lane));
        }
    }
}

__attribute__((target("avx2")))
void engine_narrow_copy_corner_in(const float *matrix, long ld, long rows, long columns,
                                  float *block, long blockRows, long blockColumns) {
    for (long r = 0; r < blockRows; r++) {
        for (long lane = 0; lane < blockColumns; lane += 8) {
            __m256i mask = first_8_lanes(r < rows ? columns - lane : 0);
            _mm256_storeu_ps(block + r * blockColumns + lane, _mm256_maskload_ps(matrix + r * ld + lane, mask));
        }
    }
}

__attribute__((target("avx2")))
void engine_narrow_copy_corner_out(const float *block, long blockColumns, float *matrix, long ld,
                                   long rows, long columns) {
    for (long r = 0; r < rows; r++) {
        for (long lane = 0; lane < blockColumns; lane += 8) {
            _mm256_maskstore_ps(matrix + r * ld + lane, first_8_lanes(columns - lane),
                                _mm256_loadu_ps(block + r * blockColumns + lane));
        }
    }
}
#else
/// Elsewhere, element by element.
static void copy_corner_in(const float *matrix, long ld, long rows, long columns,
                           float *block, long blockRows, long blockColumns) {
    for (long r = 0; r < blockRows; r++)
        for (long j = 0; j < blockColumns; j++)
            block[r * blockColumns + j] = r < rows && j < columns ? matrix[r * ld + j] : 0;
}

static void copy_corner_out(const float *block, long blockColumns, float *matrix, long ld,
                            long rows, long columns) {
    for (long r = 0; r < rows; r++)
        for (long j = 0; j < columns; j++) matrix[r * ld + j] = block[r * blockColumns + j];
}

void engine_wide_copy_corner_in(const float *matrix, long ld, long rows, long columns,
                                float *block, long blockRows, long blockColumns) {
    copy_corner_in(matrix, ld, rows, columns, block, blockRows, blockColumns);
}
void engine_wide_copy_corner_out(const float *block, long blockColumns, float *matrix, long ld,
                                 long rows, long columns) {
    copy_corner_out(block, blockColumns, matrix, ld, rows, columns);
}
void engine_narrow_copy_corner_in(const float *matrix, long ld, long rows, long columns,
                                  float *block, long blockRows, long blockColumns) {
    copy_corner_in(matrix, ld, rows, columns, block, blockRows, blockColumns);
}
void engine_narrow_copy_corner_out(const float *block, long blockColumns, float *matrix, long ld,
                                   long rows, long columns) {
    copy_corner_out(block, blockColumns, matrix, ld, rows, columns);
}
#endif
