#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The thread count every multi-threaded API of Meshwork uses when the caller gives none.
///
///     Betweenness().run(graph)                 // threads: Parallelism.defaultThreads
///     Betweenness(threads: 1).run(graph)       // the same numbers, on one thread
///
/// Results never depend on the thread count: every parallel kernel splits its work into blocks
/// that depend only on the input and merges their partial results in block order.
public enum Parallelism {
    /// The number of online cores (at least 1), read once per process.
    public static let defaultThreads: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
