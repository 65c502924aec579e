#ifndef MESHWORK_CSPINWAIT_H
#define MESHWORK_CSPINWAIT_H
/* The few sequentially consistent atomic operations on a plain `long` that the persistent worker
 * team (MeshworkAlgorithms' _WorkerTeam) needs to hand a block of work to spinning workers without
 * a system call, and the CPU's spin-wait hint. Swift's own atomics (the Synchronization module)
 * need macOS 15, above the package's platform floor. */
static inline long meshwork_atomic_load(const long *address) {
    return __atomic_load_n(address, __ATOMIC_SEQ_CST);
}
static inline void meshwork_atomic_store(long *address, long value) {
    __atomic_store_n(address, value, __ATOMIC_SEQ_CST);
}
/* Adds `value` and returns the value before the addition. */
static inline long meshwork_atomic_fetch_add(long *address, long value) {
    return __atomic_fetch_add(address, value, __ATOMIC_SEQ_CST);
}
/* Tells the CPU that this thread is spinning (x86 `pause`, ARM `yield`). */
static inline void meshwork_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield");
#endif
}
#endif
