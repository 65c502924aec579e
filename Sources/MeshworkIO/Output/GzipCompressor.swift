import CZlib

/// Compresses a stream of bytes into the gzip format (RFC 1952) through zlib, for outputs whose
/// name ends in `.gz`.
///
/// The gzip header zlib writes has no name and a modification time of 0, so the same bytes in
/// give the same bytes out, run after run. Level 6 (zlib's default).
///
/// - Complexity: O(bytes); zlib's state is about 256 KiB, plus one 256 KiB output chunk.
final class GzipCompressor {
    /// zlib keeps a pointer back to its stream and checks it: the stream must not move.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var output = [UInt8](repeating: 0, count: 1 << 18)

    init() throws {
        stream.initialize(to: z_stream())
        // windowBits 15 + 16: a gzip wrapper instead of a zlib one.
        let status = deflateInit2_(stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw OutputError(message: "cannot start gzip compression (zlib status \(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input` (and, with `finish`, ends the stream), passing each compressed chunk to
    /// `emit`.
    func compress(_ input: UnsafeRawBufferPointer, finish: Bool,
                  emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var offset = 0
        repeat {
            let count = min(input.count - offset, 1 << 30)
            stream.pointee.next_in = count == 0 ? nil
                : UnsafeMutablePointer(mutating: input.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(count)
            offset += count
            let last = finish && offset == input.count
            var status: Int32
            repeat {
                status = try output.withUnsafeMutableBytes { raw -> Int32 in
                    stream.pointee.next_out = raw.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_out = UInt32(raw.count)
                    let status = deflate(stream, last ? Z_FINISH : Z_NO_FLUSH)
                    guard status != Z_STREAM_ERROR else { return status }
                    try emit(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(raw)[..<(raw.count - Int(stream.pointee.avail_out))]))
                    return status
                }
                guard status != Z_STREAM_ERROR else {
                    throw OutputError(message: "gzip compression failed (zlib status \(status))")
                }
            } while stream.pointee.avail_out == 0 || (last && status != Z_STREAM_END)
        } while offset < input.count
    }
}
