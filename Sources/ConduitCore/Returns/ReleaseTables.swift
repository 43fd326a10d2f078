import Foundation

/// Where a figure of a release sits: one source's count of one category, for a partnership
/// or for London, for one quarter or for the release's whole period.
public struct ReleaseCell: Hashable, Sendable {
    public var source: ReturnSource
    public var category: AbuseCategory
    /// Nil for London: the partnerships with an approved return for the quarter.
    public var partnershipID: UUID?
    /// Nil for the release's whole period.
    public var quarter: ReportingPeriod?

    public init(source: ReturnSource, category: AbuseCategory, partnershipID: UUID?, quarter: ReportingPeriod?) {
        self.source = source
        self.category = category
        self.partnershipID = partnershipID
        self.quarter = quarter
    }

    /// One partnership's figure for one quarter: the unit every other figure adds up.
    public var isPartnershipQuarter: Bool { partnershipID != nil && quarter != nil }
}

/// A published release as Conduit keeps it: its quarters and every figure's true value,
/// with the ones published hidden. A figure missing from `values` was not available ("x").
public struct ReleaseFigures: Sendable {
    public var quarters: [ReportingPeriod]
    public var values: [ReleaseCell: Int]
    public var hidden: Set<ReleaseCell>

    public init(quarters: [ReportingPeriod], values: [ReleaseCell: Int], hidden: Set<ReleaseCell>) {
        self.quarters = quarters
        self.values = values
        self.hidden = hidden
    }
}

/// The fixed tables of a release of approved return figures (issue 14), and their protection.
///
/// For each source and category: every partnership's figure for each quarter, its total for
/// the period, and London's figure for each quarter and for the period. Figures of different
/// sources or categories are never added together: the police and the local authority count
/// the same children, and one child may be counted in several categories. So each source and
/// category is a family of linked tables of its own, and a release is protected together
/// with the earlier releases of its financial year, which count the same partnership-quarters.
public enum ReleaseTables {
    /// The figures of a release of these quarters. `approved` holds each approved return's
    /// count per category, keyed by partnership-quarter cells; a partnership-quarter without
    /// one is not available ("x") and counts in no total.
    public static func values(quarters: [ReportingPeriod], approved: [ReleaseCell: Int]) -> [ReleaseCell: Int] {
        precondition(approved.keys.allSatisfy { $0.isPartnershipQuarter && quarters.contains($0.quarter!) }, "approved counts are partnership-quarter figures of the release")
        var values = approved
        let byFamily = Dictionary(grouping: approved, by: { Family($0.key) })
        for (family, cells) in byFamily {
            let present = Dictionary(uniqueKeysWithValues: cells.map { ($0.key, $0.value) })
            for quarter in quarters {
                let counts = present.filter { $0.key.quarter == quarter }.map(\.value)
                if !counts.isEmpty { values[family.cell(nil, quarter)] = counts.reduce(0, +) }
            }
            guard quarters.count > 1 else { continue }
            values[family.cell(nil, nil)] = present.values.reduce(0, +)
            // A partnership's total for the period only when every quarter is in: a total of
            // the quarters that happen to be approved would read as the period's.
            for partnership in Set(present.keys.compactMap(\.partnershipID)) {
                let counts = quarters.compactMap { present[family.cell(partnership, $0)] }
                if counts.count == quarters.count { values[family.cell(partnership, nil)] = counts.reduce(0, +) }
            }
        }
        return values
    }

    /// Which figures of a new release to hide, protected together with the earlier releases
    /// of its financial year (which stay published and cannot change). `unprotected` lists
    /// hidden figures, of this release or an earlier one, that no choice of this release's
    /// figures protects: such a release must not be published with exact figures.
    public static func protect(_ values: [ReleaseCell: Int], quarters: [ReportingPeriod], earlier: [ReleaseFigures],
                               using generator: inout some RandomNumberGenerator) -> (hidden: Set<ReleaseCell>, unprotected: Set<ReleaseCell>) {
        let new = ReleaseFigures(quarters: quarters, values: values, hidden: [])
        var hidden = Set<ReleaseCell>(), unprotected = Set<ReleaseCell>()
        // Sorted so that the same figures and the same random numbers give the same release.
        for family in Set(values.keys.map(Family.init)).sorted() {
            var units = Units()
            var figures: [LinkedFigure] = [], decided: [Bool?] = [], cells: [ReleaseCell] = [], isNew: [Bool] = []
            // A figure marked revised tells a reader it differs from the one before it. If that
            // one was shown, its value is ruled out for the new one, which needs a range one
            // wider; if it was hidden, the new one stays hidden, so its value rules out nothing.
            var latest: [ReleaseCell: (value: Int, hidden: Bool)] = [:], wider = Set<Int>()
            for (index, release) in (earlier + [new]).enumerated() {
                let fresh = index == earlier.count
                let own = release.values.filter { Family($0.key) == family }
                for cell in own.keys.sorted() {
                    var decision: Bool? = fresh ? nil : release.hidden.contains(cell)
                    if fresh, cell.isPartnershipQuarter, let before = latest[cell], before.value != own[cell]! {
                        if before.hidden && own[cell]! > 0 { decision = true } else { wider.insert(figures.count) }
                    }
                    if cell.isPartnershipQuarter { latest[cell] = (own[cell]!, release.hidden.contains(cell)) }
                    figures.append(LinkedFigure(units: units.of(cell, among: own), value: own[cell]!))
                    decided.append(decision)
                    cells.append(cell)
                    isNew.append(fresh)
                }
            }
            let protection = LinkedSuppression.protect(figures, decided: decided, wider: wider, using: &generator)
            for index in figures.indices where protection.hidden[index] && isNew[index] { hidden.insert(cells[index]) }
            for index in protection.unprotected { unprotected.insert(cells[index]) }
        }
        return (hidden, unprotected)
    }

    /// The partnership-quarter figures whose value differs from the one the latest earlier
    /// release holding them published: marked as revised, as official statistics do.
    public static func revised(_ values: [ReleaseCell: Int], earlier: [ReleaseFigures]) -> Set<ReleaseCell> {
        Set(values.filter { cell, value in
            guard cell.isPartnershipQuarter, let before = earlier.last(where: { $0.values[cell] != nil }) else { return false }
            return before.values[cell] != value
        }.keys)
    }

    /// One source and category: the figures that add up to one another.
    struct Family: Hashable, Comparable {
        var source: ReturnSource
        var category: AbuseCategory

        init(_ cell: ReleaseCell) {
            source = cell.source
            category = cell.category
        }

        func cell(_ partnershipID: UUID?, _ quarter: ReportingPeriod?) -> ReleaseCell {
            ReleaseCell(source: source, category: category, partnershipID: partnershipID, quarter: quarter)
        }

        static func < (a: Family, b: Family) -> Bool {
            (a.source.rawValue, a.category.rawValue) < (b.source.rawValue, b.category.rawValue)
        }
    }

    /// Numbers for the partnership-quarters of one family across releases. A partnership-quarter
    /// keeps its number while its value does: a revised figure is a new unknown for a reader.
    struct Units {
        private struct Key: Hashable {
            var partnershipID: UUID
            var quarter: ReportingPeriod
            var value: Int
        }
        private var numbers: [Key: Int] = [:]

        /// The units a figure adds up, among the figures of its family in one release.
        mutating func of(_ cell: ReleaseCell, among figures: [ReleaseCell: Int]) -> [Int] {
            let parts = figures.keys.filter { part in
                part.isPartnershipQuarter
                    && (cell.partnershipID == nil || part.partnershipID == cell.partnershipID)
                    && (cell.quarter == nil || part.quarter == cell.quarter)
            }
            return parts.map { part in
                let key = Key(partnershipID: part.partnershipID!, quarter: part.quarter!, value: figures[part]!)
                if let number = numbers[key] { return number }
                numbers[key] = numbers.count
                return numbers.count - 1
            }.sorted()
        }
    }
}

extension ReleaseCell: Comparable {
    /// London after the partnerships, the period after its quarters.
    public static func < (a: ReleaseCell, b: ReleaseCell) -> Bool {
        func key(_ cell: ReleaseCell) -> (String, String, Int, String, Int, String) {
            (cell.source.rawValue, cell.category.rawValue, cell.partnershipID == nil ? 1 : 0, cell.partnershipID?.uuidString ?? "",
             cell.quarter == nil ? 1 : 0, cell.quarter?.key ?? "")
        }
        return key(a) < key(b)
    }
}
