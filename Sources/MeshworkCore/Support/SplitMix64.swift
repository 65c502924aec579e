/// A small, fast, seedable pseudo-random number generator.
///
/// Every randomised part of Meshwork draws from a `SplitMix64` seeded from the user's `--seed`, so the
/// same seed gives the same output on every machine and with every thread count.
///
///     var rng = SplitMix64(seed: 42)
///     let coin = rng.next() & 1
///
/// - Complexity: O(1) time and O(1) space per draw.
/// - Note: Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014.
@frozen
package struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline internal var _state: UInt64

    /// Creates a generator whose whole sequence is fixed by `seed`.
    @inlinable
    package init(seed: UInt64) { _state = seed }

    /// The next 64 random bits.
    @inlinable
    package mutating func next() -> UInt64 {
        _state &+= 0x9E37_79B9_7F4A_7C15
        var z = _state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; the bias is below 2^-32 for the
    /// bounds Meshwork uses, and the result depends only on the seed).
    @inlinable
    package mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform double in `[0, 1)` with 53 random bits.
    @inlinable
    package mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// An independent generator for stream `index`, so that parallel workers draw reproducibly.
    @inlinable
    package func split(_ index: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: _state ^ (index &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}
