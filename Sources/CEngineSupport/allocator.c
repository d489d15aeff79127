#include "CEngineSupport.h"

// Any C library header defines __GLIBC__ on glibc; without one first, the test below is
// always false and the settings are silently skipped.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int allocator_keep_freed_memory(void) {
#if defined(__GLIBC__)
    // Blocks up to 64 MB come from the heap instead of fresh mappings, and the heap is only
    // shrunk once 256 MB at its top are free.
    return mallopt(M_MMAP_THRESHOLD, 64 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1;
#else
    return 0;
#endif
}
