import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `summary` of a loaded graph: network figures, the best-connected members and, for a
/// dataset, the hierarchy's counts; as JSON (for scripts) or as text (for people).
///
///     let report = SummaryReport(loaded, top: 10)
///     print(report.text)
///
/// - Complexity: O(V + E + N + interactions).
public struct SummaryReport: Sendable {
    public let network: NetworkSummary.Result
    public let hierarchy: HierarchySummary.Result?
    public let selfLoops: Int
    /// Labels (and names, for datasets) of the top members by degree.
    public let topLabels: [(id: String, name: String)]
    /// The encoding of ``write(to:)``: ``text`` or ``json``.
    public let format: Format

    public enum Format: String, Sendable, CaseIterable { case text, json }

    public init(_ loaded: LoadedGraph, top: Int = 10, format: Format = .text) {
        self.format = format
        network = NetworkSummary(top: top).run(loaded.graph)
        hierarchy = loaded.community.map { HierarchySummary().run($0) }
        selfLoops = loaded.selfLoops
        topLabels = network.topByDegree.map { entry in
            let id = loaded.labels[entry.vertex]
            let name = loaded.community.map { $0.names[Int($0.members[Int(entry.vertex)])] } ?? ""
            return (id, name)
        }
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("nodes", .int(network.nodes)),
            ("ties", .int(network.edges)),
            ("directed", .bool(network.isDirected)),
            ("self_loops", .int(selfLoops)),
            ("density", .double(network.density)),
            ("mean_degree", .double(network.meanDegree)),
            ("max_degree", .int(network.maxDegree)),
            ("isolated_nodes", .int(network.isolatedNodes)),
            ("components", .int(network.componentCount)),
            ("largest_component", .int(network.largestComponentSize)),
            ("largest_component_share", .double(network.largestComponentShare)),
            ("top_by_degree", .array(zip(network.topByDegree, topLabels).map { entry, label in
                .object([("id", .string(label.id)), ("name", .string(label.name)), ("degree", .int(entry.degree))])
            })),
        ]
        if let hierarchy {
            members.append(("interactions", .int(hierarchy.interactions)))
            members.append(("first_date", hierarchy.firstDay.map { .string(CivilDate(daysSinceEpoch: $0).description) } ?? .null))
            members.append(("last_date", hierarchy.lastDay.map { .string(CivilDate(daysSinceEpoch: $0).description) } ?? .null))
            members.append(("levels", .object(hierarchy.levels.map { level in
                (level.level.rawValue, .object([
                    ("groups", .int(level.groups)),
                    ("groups_with_members", .int(level.groupsWithMembers)),
                    ("members_placed", .int(level.membersPlaced)),
                    ("largest_group", .int(level.largestGroup)),
                ]))
            })))
        }
        return .object(members)
    }

    public var text: String {
        var lines: [String] = []
        let kind = hierarchy == nil ? "nodes" : "members"
        let title = hierarchy == nil ? "Nodes" : "Members"
        lines.append("\(title): \(network.nodes)")
        lines.append("Ties: \(network.edges)\(network.isDirected ? " (directed)" : "")")
        if selfLoops > 0 { lines.append("Self-loops dropped: \(selfLoops)") }
        lines.append("Density: \(_format(network.density, 6))")
        lines.append("Mean degree: \(_format(network.meanDegree, 2))")
        lines.append("Components: \(network.componentCount) (largest: \(network.largestComponentSize) \(kind), \(_format(100 * network.largestComponentShare, 1))%)")
        lines.append("Isolated \(kind): \(network.isolatedNodes)")
        if let hierarchy {
            lines.append("Interactions: \(hierarchy.interactions)"
                + (hierarchy.firstDay.map { " from \(CivilDate(daysSinceEpoch: $0))" } ?? "")
                + (hierarchy.lastDay.map { " to \(CivilDate(daysSinceEpoch: $0))" } ?? ""))
            lines.append("")
            lines.append("Level          groups  with members  members placed  largest group")
            for level in hierarchy.levels {
                lines.append(pad(level.level.rawValue, 14) + pad(String(level.groups), 8, right: true)
                    + pad(String(level.groupsWithMembers), 14, right: true)
                    + pad(String(level.membersPlaced), 16, right: true)
                    + pad(String(level.largestGroup), 15, right: true))
            }
        }
        if !topLabels.isEmpty {
            lines.append("")
            lines.append("Top \(kind) by degree:")
            for (entry, label) in zip(network.topByDegree, topLabels) {
                let name = label.name.isEmpty || label.name == label.id ? "" : " (\(label.name))"
                lines.append("  \(pad(String(entry.degree), 6, right: true))  \(label.id)\(name)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}

/// `value` rounded to `digits` decimals and written with exactly that many (no padding after an
/// exponent); an empty string for NaN or infinity. Shared by the text summary and the HTML report.
func _format(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded == 0 ? 0 : rounded)
    if let dot = text.firstIndex(of: "."), !text.contains("e") {
        let fraction = text[text.index(after: dot)...].count
        if fraction < digits { text += String(repeating: "0", count: digits - fraction) }
        if digits == 0 { text = String(text[..<dot]) }
    }
    return text
}

/// A count with thousands separators, as the report's text writes it: 8,317.
func _thousands(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, digit) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(digit)
    }
    return (value < 0 ? "-" : "") + out
}
