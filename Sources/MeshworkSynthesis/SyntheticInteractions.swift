/// The generated interaction records, column-wise (13 bytes per record).
///
/// - Complexity: amortised O(1) per appended record.
struct SyntheticInteractions {
    /// The kinds written to `interactions.csv`, each with a fixed weight (how strong one such
    /// interaction is): a message 1, a lab meeting 2, a mentoring session 3.
    enum Kind: UInt8 { case message = 0, lab, mentoring }

    private(set) var source: [Int32] = []
    private(set) var target: [Int32] = []
    /// Day offsets from the start date.
    private(set) var day: [Int32] = []
    private(set) var kind: [Kind] = []
    let days: Int

    init(days: Int, expected: Int = 0) {
        self.days = days
        source.reserveCapacity(expected)
        target.reserveCapacity(expected)
        day.reserveCapacity(expected)
        kind.reserveCapacity(expected)
    }

    var count: Int { source.count }

    @inline(__always)
    mutating func append(_ from: Int32, _ to: Int32, day: Int32, _ what: Kind) {
        source.append(from)
        target.append(to)
        self.day.append(day)
        kind.append(what)
    }

    /// Record indices ordered by day, and by generation order within a day (counting sort).
    ///
    /// - Complexity: O(records + days) time, O(records) extra space.
    func orderByDay() -> [Int32] {
        var starts = [Int](repeating: 0, count: days + 1)
        for d in day { starts[Int(d) + 1] += 1 }
        for d in 0..<days { starts[d + 1] += starts[d] }
        var order = [Int32](repeating: 0, count: count)
        for index in 0..<count {
            let d = Int(day[index])
            order[starts[d]] = Int32(index)
            starts[d] += 1
        }
        return order
    }
}
