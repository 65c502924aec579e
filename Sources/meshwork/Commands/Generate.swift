import ArgumentParser
import MeshworkSynthesis

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a synthetic improvement community (a dataset directory).",
        discussion: """
        A founding cohort of 231 members grows over about ten years to --members, in \
        organisations of very uneven size, 15 English regional networks plus Scotland, Wales and \
        Northern Ireland under four country partners, with dated interactions (lab projects, \
        mentoring, messages) and events attended together. Same --seed, byte-identical files.
        """)

    @Option(help: "Number of members.")
    var members: Int

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory to write (created if missing).", valueName: "dir"))
    var output: String

    func validate() throws {
        if members < 1 { throw ValidationError("--members must be at least 1") }
        if members > 50_000_000 { throw ValidationError("--members must be at most 50,000,000") }
    }

    func run() throws {
        let progress = Progress()
        progress.phase("generating \(members) members into \(output)")
        do {
            let summary = try CommunityGenerator(.init(members: members, seed: seed))
                .write(to: output, progress: progress.enabled ? { progress.fraction("generating", $0) } : nil)
            print("""
                Wrote \(output): \(summary.members) members, \(summary.organisations) organisations, \
                \(summary.regions) regions, \(summary.partners) partners, \(summary.interactions) interactions, \
                \(summary.attendances) attendances at \(summary.events) events.
                """)
        } catch {
            printNotice("\(error)")
            throw ExitCode.failure
        }
    }
}
