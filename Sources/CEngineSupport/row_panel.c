#include "CEngineSupport.h"
#include <string.h>

/// Depth steps copied together, panel after panel. The steps of a transposed operand are
/// `lda` apart, often a multiple of 4 KiB, so all their cache lines at one offset compete for
/// one set of L1: eight steps fit its eight ways, and each line fetched serves every panel
/// it holds before it is evicted. (Panel by panel over the whole depth, each line was fetched
/// again for every panel in it.)
enum { STEPS_TOGETHER = 8 };

/// `panels` panels of `rows` rows; a constant `rows` turns each copy into a few vector moves.
static inline void copy_panels(const float *a, long lda, long k, long panels, long rows, float *target) {
    for (long first = 0; first < k; first += STEPS_TOGETHER) {
        long last = first + STEPS_TOGETHER < k ? first + STEPS_TOGETHER : k;
        for (long q = 0; q < panels; q++) {
            for (long p = first; p < last; p++) {
                memcpy(target + q * rows * k + p * rows, a + p * lda + q * rows, (size_t)rows * sizeof(float));
            }
        }
    }
}

void engine_pack_row_panels(const float *a, long lda, long k, long panels, long rows, float *target) {
    switch (rows) {
    case 6: copy_panels(a, lda, k, panels, 6, target); break;
    case 4: copy_panels(a, lda, k, panels, 4, target); break;
    case 2: copy_panels(a, lda, k, panels, 2, target); break;
    default: copy_panels(a, lda, k, panels, rows, target); break;
    }
}
