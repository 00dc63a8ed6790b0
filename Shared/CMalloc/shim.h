// glibc's mallopt, which Swift's Glibc module does not export (see AllocatorSetup in ServiceKit).
#ifndef DEVMENTOR_CMALLOC_SHIM_H
#define DEVMENTOR_CMALLOC_SHIM_H
#if defined(__linux__)
#include <malloc.h>
#endif

/// Sets glibc's mmap and trim thresholds (bytes); 1 when both were taken, 0 without glibc's mallopt.
static inline int devmentor_set_malloc_thresholds(int mmap_threshold, int trim_threshold) {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
    return mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1 && mallopt(M_TRIM_THRESHOLD, trim_threshold) == 1;
#else
    (void)mmap_threshold;
    (void)trim_threshold;
    return 0;
#endif
}
#endif
