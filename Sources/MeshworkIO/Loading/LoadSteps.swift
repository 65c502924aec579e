/// Called when a step of loading a GRAPH ends, with the step's name (`reading interactions.csv`,
/// `building the member network`, ...) and the seconds it took; see ``LoadOptions/progress``.
public typealias LoadProgress = @Sendable (_ step: String, _ seconds: Double) -> Void

/// Times the steps of a load, one after the other, for a ``LoadProgress`` callback.
///
///     var steps = LoadSteps(options.progress)
///     let nodes = try readNodes(path)
///     steps.done("reading nodes.csv")
struct LoadSteps {
    private let report: LoadProgress?
    private var start = ContinuousClock.now

    init(_ report: LoadProgress?) { self.report = report }

    /// Ends the current step (begun at the previous call, or at creation) under `name`.
    mutating func done(_ name: String) {
        guard let report else { return }
        let now = ContinuousClock.now
        let elapsed = start.duration(to: now).components
        report(name, Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
        start = now
    }
}
