#ifndef CMEMORY_HINTS_H
#define CMEMORY_HINTS_H

#include <stddef.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Asks the processor to bring the cache line holding `address` in, without waiting for it.
/// A hint only: it never faults, whatever the address, and changes no value the program reads.
static inline void crisisplan_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// The size of the heap allocation starting at `address`, as the allocator reports it; 0
/// where the allocator cannot say.
static inline size_t crisisplan_allocated_size(void *address) {
#if defined(__GLIBC__)
    return malloc_usable_size(address);
#else
    (void)address;
    return 0;
#endif
}

#endif
