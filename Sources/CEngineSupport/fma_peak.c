#include "CEngineSupport.h"

#include <time.h>

#if defined(__x86_64__)
#include <immintrin.h>

/// Twelve independent chains of 16-wide fused multiply-adds, long enough to time.
__attribute__((target("avx512f")))
static double wide_peak(void) {
    __m512 x = _mm512_set1_ps(1.000001f), y = _mm512_set1_ps(1e-6f);
    __m512 r[12];
    for (int i = 0; i < 12; i++) r[i] = _mm512_set1_ps(1.0f + (float)i / 64);
    const long iterations = 20000000;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long n = 0; n < iterations; n++) {
        for (int i = 0; i < 12; i++) r[i] = _mm512_fmadd_ps(r[i], x, y);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    float sink = 0;
    for (int i = 0; i < 12; i++) sink += _mm512_reduce_add_ps(r[i]);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    if (sink != sink) return 0; /* keeps the chains alive */
    return (double)iterations * 12 * 16 * 2 / seconds / 1e9;
}
#endif

double fma_peak_wide_gflops(void) {
#if defined(__x86_64__)
    if (!cpu_features_has_avx512()) return 0;
    return wide_peak();
#else
    return 0;
#endif
}
