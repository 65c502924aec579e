@testable import MeshworkCore
import Testing

@Suite("PeakMemory")
struct PeakMemoryTests {
    @Test("reads the kibibytes after a key of a /proc status text")
    func parsesStatusText() {
        let text = Array("Name:\tmeshwork\nVmPeak:\t  900 kB\nVmHWM:\t  123456 kB\nVmRSS:\t  7 kB\n".utf8)
        #expect(PeakMemory.kibibytes(after: Array("VmHWM:".utf8), in: text[...]) == 123_456)
        #expect(PeakMemory.kibibytes(after: Array("VmRSS:".utf8), in: text[...]) == 7)
        #expect(PeakMemory.kibibytes(after: Array("VmSwap:".utf8), in: text[...]) == nil)
    }

    #if os(Linux)
    @Test("is at least the memory the process has touched")
    func coversTouchedMemory() throws {
        let size = 256 << 20
        var block = [UInt8](repeating: 1, count: size)
        block[size - 1] = 2
        let after = try #require(PeakMemory.residentBytes())
        #expect(after >= size, "peak \(after) bytes after touching \(size)")
        #expect(block[size - 1] == 2)
    }
    #endif
}
