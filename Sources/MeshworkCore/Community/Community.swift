/// An improvement community as loaded from a dataset directory: its nodes (members,
/// organisations, regions, country partners) with their hierarchy and attributes, and every
/// interaction between them, sorted by time.
///
///     let network = community.memberNetwork(weighted: false)        // all interactions
///     let quarter = community.memberNetwork(through: endOfQuarter)  // the network at a date
///     let regions = community.partition(.region)                    // members -> regions
///
/// Analyses run on the member network: one vertex per member (in `nodes.csv` order) and a tie
/// between two members with at least one interaction.
public struct Community: Sendable {
    /// Node ids in file order; a node's index is its position.
    public var ids: LabelTable
    public var kinds: [NodeKind]
    public var names: [String]
    /// The parent node of each node, or -1.
    public var parents: [Int32]
    /// The day each node joined (days since epoch), or `Int32.min` when not given.
    public var joined: [Int32]
    /// Extra columns of `nodes.csv`, in file order.
    public var attributeNames: [String]
    /// `attributeValues[c][node]` is the value of column `c` for that node.
    public var attributeValues: [[String]]
    /// Every interaction (the rows of `interactions.csv`), sorted by time.
    public var interactions: InteractionLog
    /// The attendance rows, whose co-attendance ties are dated records as the interactions are
    /// (``forEachRecord(from:through:_:)`` gives both in date order).
    public var coAttendance: CoAttendance
    /// The earliest and latest dated record of the input (interaction rows and attendance rows,
    /// whether or not they make a member tie), or `nil` when there is none. Growth series span it.
    public var recordTimes: ClosedRange<Int64>?
    /// The node index of each member, in file order.
    public let members: [Int32]
    /// The member index of each node, or -1 for non-members.
    public let memberIndex: [Int32]

    public init(ids: LabelTable, kinds: [NodeKind], names: [String], parents: [Int32], joined: [Int32],
                attributeNames: [String], attributeValues: [[String]], interactions: InteractionLog,
                coAttendance: CoAttendance = CoAttendance()) {
        self.ids = ids
        self.kinds = kinds
        self.names = names
        self.parents = parents
        self.joined = joined
        self.attributeNames = attributeNames
        self.attributeValues = attributeValues
        self.interactions = interactions
        self.coAttendance = coAttendance
        var members: [Int32] = []
        var memberIndex = [Int32](repeating: -1, count: kinds.count)
        for (node, kind) in kinds.enumerated() where kind == .member {
            memberIndex[node] = Int32(members.count)
            members.append(Int32(node))
        }
        self.members = members
        self.memberIndex = memberIndex
        self.recordTimes = nil
        self.recordTimes = recordBounds
    }

    /// The number of member nodes.
    public var memberCount: Int { members.count }

    /// The ids of the members as a label table: member `i` has id `i`.
    /// - Complexity: O(M + bytes of the ids).
    public var memberLabelTable: LabelTable {
        var table = LabelTable(capacity: memberCount)
        for member in members { ids.withLabelBytes(member) { _ = table.intern($0) } }
        return table
    }

    /// The member network built from the dated records (interactions and co-attendance ties) with
    /// `from <= time <= through` (seconds since epoch; either bound optional). Records that do not
    /// join two members are left out; a member's interaction with itself counts as a self-loop.
    /// With `weighted`, a tie's weight is the sum of its records' weights, added in date order
    /// (``forEachRecord(from:through:_:)``). `threads` workers build it (the graph is the same for
    /// any number).
    ///
    /// - Complexity: O(M + k) time for k records in the range; the graph is built straight from
    ///   the log's columns and the attendance rows, with no list of the k records.
    public func memberNetwork(from: Int64? = nil, through: Int64? = nil, weighted: Bool,
                              directed: Bool = false, threads: Int = Parallelism.defaultThreads) -> GraphBuild {
        withRecords(from: from, through: through) { records in
            memberIndex.withUnsafeBufferPointer { memberIndex in
                EdgeBuffer.build(edges: records, weighted: weighted, vertexOf: memberIndex, vertexCount: memberCount,
                                 directed: directed, threads: threads)
            }
        }
    }

    /// The ancestor of `node` of the given kind, or -1 when the chain stops short of it.
    /// - Complexity: O(depth of the hierarchy), at most 3 steps.
    public func ancestor(of node: Int32, kind: NodeKind) -> Int32 {
        var current = node
        var steps = 0
        while current >= 0 && steps <= 4 {
            if kinds[Int(current)] == kind && current != node { return current }
            current = parents[Int(current)]
            steps += 1
        }
        return -1
    }

    /// Members grouped by a hierarchy level: each member's organisation, region or partner (its
    /// ancestor of that kind); unknown when the member's chain does not reach one. Groups are the
    /// nodes of that kind, in file order, named by their ids.
    /// - Complexity: O(N).
    public func partition(_ level: HierarchyLevel) -> Partition {
        var groupIndex = [Int32](repeating: -1, count: kinds.count)
        var names: [String] = []
        for (node, kind) in kinds.enumerated() where kind == level.kind {
            groupIndex[node] = Int32(names.count)
            names.append(ids[Int32(node)])
        }
        let groups = members.map { member -> Int32 in
            let ancestor = self.ancestor(of: member, kind: level.kind)
            return ancestor < 0 ? Partition.unknown : groupIndex[Int(ancestor)]
        }
        return Partition(groups: groups, names: names)
    }

    /// Members grouped by the values of an attribute column (empty values are unknown); groups are
    /// the distinct values in order of first appearance. `nil` when there is no such column.
    /// - Complexity: O(M).
    public func partition(attribute name: String) -> Partition? {
        guard let column = attributeNames.firstIndex(of: name) else { return nil }
        var values = LabelTable()
        let groups = members.map { member -> Int32 in
            let value = attributeValues[column][Int(member)]
            return value.isEmpty ? Partition.unknown : values.intern(value)
        }
        return Partition(groups: groups, names: values.labels)
    }
}
