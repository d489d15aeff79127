#include "CEngineSupport.h"
#include <string.h>

/// `rows` values of each of `k` rows `lda` apart, side by side: the sizes the 8-wide kernel
/// reads (6, 4, 2) as constant-size copies the compiler turns into a few vector moves.
static inline void copy_rows(const float *a, long lda, long k, long rows, float *target) {
    for (long p = 0; p < k; p++) memcpy(target + p * rows, a + p * lda, (size_t)rows * sizeof(float));
}

void engine_pack_row_panel(const float *a, long lda, long k, long rows, float *target) {
    switch (rows) {
    case 6: copy_rows(a, lda, k, 6, target); break;
    case 4: copy_rows(a, lda, k, 4, target); break;
    case 2: copy_rows(a, lda, k, 2, target); break;
    default: copy_rows(a, lda, k, rows, target); break;
    }
}
