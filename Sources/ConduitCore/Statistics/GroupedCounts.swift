/// One line of a grouped report: a label, its count and its share.
public struct GroupedLine: Equatable, Sendable {
    public var key: String
    public var label: String
    public var count: Cell
    /// "15.17%"; nil when the count or the total is suppressed, or the total is zero.
    public var percentage: String?

    public init(key: String, label: String, count: Cell, percentage: String?) {
        self.key = key
        self.label = label
        self.count = count
        self.percentage = percentage
    }
}

/// A grouped report as shown: lines in the given order, the total, and whether suppression applied.
public struct GroupedReport: Equatable, Sendable {
    public var lines: [GroupedLine]
    public var total: Cell
    /// True when at least one figure is hidden, so the page can explain what "c" means.
    public var suppressed: Bool

    public init(lines: [GroupedLine], total: Cell, suppressed: Bool) {
        self.lines = lines
        self.total = total
        self.suppressed = suppressed
    }
}

/// The grouped counts of seed 003's report ("Number of participants attending, grouped by
/// referral agent / ethnicity / gender": a share and a count per group, then the total).
public enum GroupedCounts {
    /// Builds the report from (key, label, count) rows: percentages of the total (Percentages), and, when `suppress` is true, DisclosureControl's one-way rule (percentages of suppressed lines are hidden too, and shares of shown lines are still of the true total only if the total is shown; if the total is suppressed, no percentages are shown).
    public static func report(_ rows: [(key: String, label: String, count: Int)], suppress: Bool) -> GroupedReport {
        let counts = rows.map(\.count)
        let total = counts.reduce(0, +)
        let shares = Percentages.hundredths(counts)
        let shown: (cells: [Cell], total: Cell) = suppress
            ? DisclosureControl.suppress(counts)
            : (counts.map { Cell.count($0) }, Cell.count(total))
        // A share of a hidden total would give the total away (count ÷ share), and a share
        // of a hidden count would give the count away; a share of nothing means nothing.
        let sharesShown = shown.total != .suppressed && total > 0
        let lines = rows.indices.map { index in
            GroupedLine(
                key: rows[index].key,
                label: rows[index].label,
                count: shown.cells[index],
                percentage: sharesShown && shown.cells[index] != .suppressed
                    ? Percentages.format(hundredths: shares[index]) : nil
            )
        }
        let anyHidden = shown.total == .suppressed || shown.cells.contains(.suppressed)
        return GroupedReport(lines: lines, total: shown.total, suppressed: anyHidden)
    }

    /// Builds the report as the reader's publication needs it: exact counts with shares that
    /// add up to 100.00%, or every count and the total adjusted by cell key perturbation, with
    /// each share computed from the published figures and rounded on its own (so a share says
    /// nothing about a hidden count next to it, and the shares may not add up to 100.00%).
    public static func report(_ rows: [(key: String, label: String, count: KeyedCount)], publication: Publication) -> GroupedReport {
        // Released figures are never grouped on demand: the public reads frozen releases only.
        precondition(publication != .released, "grouped counts are exact or adjusted")
        guard publication == .adjusted else {
            return report(rows.map { (key: $0.key, label: $0.label, count: $0.count.count) }, suppress: false)
        }
        let (cells, total) = CellKeyPerturbation.adjust(rows.map(\.count))
        let lines = rows.indices.map { index in
            var share: String?
            if case .count(let count) = cells[index], case .count(let whole) = total, whole > 0 {
                share = Percentages.format(hundredths: Int((Double(count) * 10_000 / Double(whole)).rounded()))
            }
            return GroupedLine(key: rows[index].key, label: rows[index].label, count: cells[index], percentage: share)
        }
        return GroupedReport(lines: lines, total: total, suppressed: true)
    }
}
