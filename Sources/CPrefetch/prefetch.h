#ifndef MESHWORK_CPREFETCH_H
#define MESHWORK_CPREFETCH_H
/* A hint that `address` will be read soon (the compiler's __builtin_prefetch, which Swift does not
 * expose): kernels that visit rows in a random order use it to start the row's cache misses a few
 * vertices ahead. It never faults and never changes a result. */
static inline void meshwork_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
#endif
