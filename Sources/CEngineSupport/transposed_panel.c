#include "CEngineSupport.h"

/// Rows j ≥ `fullRows` of `b` (the panel's columns), and depths p ≥ `fullDepth` of the rows
/// before them, one value at a time: what the 8 × 8 blocks leave.
static void pack_rest(const float *b, long ldb, long k, long columns, long fullRows, long fullDepth,
                      float *target, long width) {
    for (long j = 0; j < fullRows; j++)
        for (long p = fullDepth; p < k; p++) target[p * width + j] = b[j * ldb + p];
    for (long j = fullRows; j < columns; j++)
        for (long p = 0; p < k; p++) target[p * width + j] = b[j * ldb + p];
}

#if defined(__x86_64__)
#include <immintrin.h>

/// Transposes eight rows of eight floats in registers: afterwards `row[q]` holds what was
/// column `q`. Three rounds of shuffles, the usual AVX sequence.
__attribute__((target("avx2")))
static inline void transpose_8x8(__m256 row[8]) {
    __m256 pair[8], quad[8];
    for (int i = 0; i < 8; i += 2) {
        pair[i] = _mm256_unpacklo_ps(row[i], row[i + 1]);
        pair[i + 1] = _mm256_unpackhi_ps(row[i], row[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
        quad[i] = _mm256_shuffle_ps(pair[i], pair[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
        quad[i + 1] = _mm256_shuffle_ps(pair[i], pair[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
        quad[i + 2] = _mm256_shuffle_ps(pair[i + 1], pair[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
        quad[i + 3] = _mm256_shuffle_ps(pair[i + 1], pair[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
    }
    for (int i = 0; i < 4; i++) {
        row[i] = _mm256_permute2f128_ps(quad[i], quad[i + 4], 0x20);
        row[i + 4] = _mm256_permute2f128_ps(quad[i], quad[i + 4], 0x31);
    }
}

__attribute__((target("avx2")))
void engine_pack_transposed_panel(const float *b, long ldb, long k, long columns, float *target, long width) {
    long fullRows = columns - columns % 8, fullDepth = k - k % 8;
    for (long j = 0; j < fullRows; j += 8) {
        for (long p = 0; p < fullDepth; p += 8) {
            __m256 block[8];
            for (int i = 0; i < 8; i++) block[i] = _mm256_loadu_ps(b + (j + i) * ldb + p);
            transpose_8x8(block);
            for (int q = 0; q < 8; q++) _mm256_storeu_ps(target + (p + q) * width + j, block[q]);
        }
    }
    pack_rest(b, ldb, k, columns, fullRows, fullDepth, target, width);
}
#else
/// Elsewhere, element by element.
void engine_pack_transposed_panel(const float *b, long ldb, long k, long columns, float *target, long width) {
    pack_rest(b, ldb, k, columns, 0, 0, target, width);
}
#endif
