/// A progress callback for the steps of a long computation: called with `nil` when a step starts
/// and with its duration in seconds when it ends (the command line prints
/// `report: maps… 1.5 s`).
public typealias StepProgress = @Sendable (_ step: String, _ seconds: Double?) -> Void

/// A progress callback for the share of a long step done (`done` in 0...1, rising; between the
/// step's two ``StepProgress`` calls where there are any), called from worker threads.
public typealias StepShare = @Sendable (_ step: String, _ done: Double) -> Void

/// `shares` bound to one step, as the kernels' progress callbacks take it; nil without `shares`.
func stepShare(_ shares: StepShare?, _ step: String) -> (@Sendable (_ done: Double) -> Void)? {
    shares.map { report in { @Sendable done in report(step, done) } }
}

/// Runs `body` as the step `name`, telling `progress` (when given) when it starts and how long
/// it took.
func timedStep<T>(_ progress: StepProgress?, _ name: String, _ body: () throws -> T) rethrows -> T {
    guard let progress else { return try body() }
    progress(name, nil)
    let start = ContinuousClock.now
    let result = try body()
    let elapsed = start.duration(to: .now)
    progress(name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    return result
}
