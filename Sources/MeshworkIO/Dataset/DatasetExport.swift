import Foundation

/// Writes a dataset directory for distributed readers (Apache Spark, see `docs/spark.md`):
/// `nodes.csv` and `attendance.csv` as they are, and `interactions.csv` split into `parts`
/// gzip-compressed files `interactions-00000.csv.gz`, `interactions-00001.csv.gz`, ..., each with
/// the header row. A gzip file cannot be split by a reader, so the parts are what lets several
/// workers read the interactions at once.
///
///     let export = try DatasetExport.write(dataset: "fixtures/example-community", parts: 8, to: "out/parts")
///     export.interactions   // rows of interactions.csv, now spread over 8 parts
///
/// The dataset is read and validated first (``DatasetReader``), so bad input is reported as
/// `file:line: message` before anything is written. Part k holds the rows
/// `k * rows / parts ..< (k + 1) * rows / parts` in file order (the parts read one after the other
/// give the original rows; a part may hold only the header when there are fewer rows than parts).
/// Fields are written as RFC 4180 CSV, quoted only when they must be. Every file is written
/// atomically (``OutputFile``). Any other `interactions*` file already in the folder would be read
/// with the parts, so it is refused (``OutputUsageError``) rather than silently left there.
///
/// - Complexity: O(bytes): one validating read, one pass to count rows, one to write them.
public enum DatasetExport {
    /// What was written.
    public struct Summary: Sendable, Equatable {
        /// Rows of `interactions.csv` (header excluded).
        public var interactions: Int
        /// The files written, relative to the output folder, in order.
        public var files: [String]
    }

    /// The file name of part `index`: `interactions-00000.csv.gz`.
    public static func partName(_ index: Int) -> String {
        let digits = String(index)
        return "interactions-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".csv.gz"
    }

    /// Exports the dataset at `dataset` into `output` (created if missing) with `parts` parts.
    ///
    /// - Throws: ``InputError`` for a bad dataset; ``OutputUsageError`` when `parts` is not
    ///   positive, when an output is an input of this run or when `output` already holds other
    ///   `interactions*` files; ``OutputError`` when a file cannot be written.
    @discardableResult
    public static func write(dataset: String, parts: Int, to output: String,
                             limits: InputLimits = InputLimits(), threads: Int = 2) throws -> Summary {
        guard parts >= 1 else { throw OutputUsageError(message: "--parts must be at least 1") }
        _ = try DatasetReader(threads: threads, limits: limits).read(directory: dataset)
        let interactionsPath = dataset + "/interactions.csv"
        let attendancePath = dataset + "/attendance.csv"
        let hasAttendance = PathStatus(attendancePath) == .file
        let partNames = (0..<parts).map(partName)
        let copied = ["nodes.csv"] + (hasAttendance ? ["attendance.csv"] : [])
        for name in partNames + copied { try OutputFile.refuseInput(output + "/" + name) }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: output) {
            let expected = Set(partNames)
            if let stray = entries.sorted().first(where: { $0.hasPrefix("interactions") && !expected.contains($0) }) {
                throw OutputUsageError(message: """
                    \(output) already holds \(stray), which a reader of the parts would take as \
                    interactions too: remove it or export into another folder
                    """)
            }
        }

        var rows = -1  // the header is not a row
        try CSVReader.forEachRecord(path: interactionsPath, limits: limits) { _ in rows += 1 }
        rows = max(rows, 0)

        var header = ByteBuffer(capacity: 256)
        var part = -1, partEnd = 0, row = -1
        var file: OutputFile?
        var buffer = ByteBuffer()
        func openPart(_ index: Int) throws {
            if let file { try file.write(&buffer); try file.commit() }
            part = index
            partEnd = (index + 1) * rows / parts
            file = try OutputFile(path: output + "/" + partNames[index])
            buffer.bytes.append(contentsOf: header.bytes)
        }
        try CSVReader.forEachRecord(path: interactionsPath, limits: limits) { record in
            guard row >= 0 else {
                appendRecord(record, to: &header)
                try openPart(0)
                row = 0
                return
            }
            while row >= partEnd { try openPart(part + 1) }
            appendRecord(record, to: &buffer)
            row += 1
            try file?.flushIfLarge(&buffer)
        }
        while part + 1 < parts { try openPart(part + 1) }
        if let file { try file.write(&buffer); try file.commit() }

        for name in copied { try copyFile(dataset + "/" + name, to: output + "/" + name, limits: limits) }
        return Summary(interactions: rows, files: partNames + copied)
    }

    private static func appendRecord(_ record: CSVRecord, to buffer: inout ByteBuffer) {
        for i in 0..<record.count {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(csvField: record[i])
        }
        buffer.appendNewline()
    }

    /// Copies the bytes of `source` (decompressed, if it is gzip) to `target`, atomically.
    private static func copyFile(_ source: String, to target: String, limits: InputLimits) throws {
        let input = try ByteSource(path: source, limits: limits)
        let out = try OutputFile(path: target)
        var buffer = ByteBuffer(capacity: 1 << 20)
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = try input.read(into: chunk, count: 1 << 20)
            if count == 0 { break }
            buffer.append(UnsafeBufferPointer(start: chunk.assumingMemoryBound(to: UInt8.self), count: count))
            try out.write(&buffer)
        }
        try out.commit()
    }
}
