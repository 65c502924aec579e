// Boundaries suite (issue 5): group mixing of the three hierarchy levels (organisation, region,
// partner) in one GroupMixing().run call, as `meshwork boundaries` computes them, and the per-member
// broker measures of `meshwork brokers --level organisation` (Gould & Fernandez brokerage roles,
// Burt's constraint and effective size, Guimera & Amaral module roles), on the member network and
// hierarchy of genN's generated dataset (loading and the partitions are not measured).
import Benchmark
import BenchmarkInputs
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes where members <= 100_000 {
        let configuration = BenchmarkInputs.configuration(members: members)
        let setup = { () throws -> (CSRGraph, [Partition]) in
            let loaded = try BenchmarkInputs.community(members: members)
            let community = loaded.community!
            return (loaded.graph, HierarchyLevel.allCases.map { community.partition($0) })
        }
        // Issue 5: "computing all three levels for a 100,000-member generated community takes one
        // pass and at most a few seconds".
        // Its malloc count has moved between runs of the same code by up to 16 (669, 677, 685 on
        // 2026-12-04), the whole default slack, so it gets 64: a per-group or per-member
        // allocation would still add thousands.
        BenchmarkInputs.register("group_mixing_3levels.\(name)",
                                 configuration: BenchmarkInputs.configuration(members: members, mallocSlack: 64)) { benchmark, input in
            for _ in benchmark.scaledIterations { blackHole(GroupMixing().run(input.0, partitions: input.1)) }
        } setup: { try setup() }
        BenchmarkInputs.register("brokerage_organisation.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations { blackHole(Brokerage(threads: 1).run(input.0, partition: input.1[0])) }
        } setup: { try setup() }
        BenchmarkInputs.register("structural_holes.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations { blackHole(StructuralHoles(threads: 1).run(input.0)) }
        } setup: { try setup() }
        BenchmarkInputs.register("module_roles_organisation.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations { blackHole(ModuleRoles().run(input.0, partition: input.1[0])) }
        } setup: { try setup() }
    }
}
