import Foundation
import Testing
@testable import ConduitCore

@Suite("Linked suppression of release tables")
struct LinkedSuppressionTests {
    /// A one-way table as linked figures: each cell one unit, the total all of them.
    static func line(_ counts: [Int]) -> [LinkedFigure] {
        counts.enumerated().map { LinkedFigure(units: [$0.offset], value: $0.element) }
            + [LinkedFigure(units: Array(counts.indices), value: counts.reduce(0, +))]
    }

    @Test("the secondary is not always the smallest figure of its line, so its place tells a reader nothing of its value")
    func secondaryNotAlwaysSmallest() {
        // setup: the old rule always hid the 6 beside the 3, so "c, c" meant "at most 6"
        let figures = Self.line([7, 3, 6, 9, 12])
        var chosen = Set<Int>()
        // act
        for seed in 0..<60 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let (hidden, _) = LinkedSuppression.protect(figures, decided: Array(repeating: nil, count: figures.count), using: &generator)
            chosen.formUnion(hidden.indices.filter { hidden[$0] && $0 != 1 })
        }
        // check: sometimes the 6, sometimes the 7
        #expect(chosen.contains(0) && chosen.contains(2))
    }

    @Test("a lone small count hides another figure of its line, and the audit proves both protected")
    func lineIsProtected() {
        // setup
        var generator = SeededGenerator(seed: 14)
        let figures = Self.line([8, 3, 20, 0, 12])
        // act
        let (hidden, unprotected) = LinkedSuppression.protect(figures, decided: Array(repeating: nil, count: figures.count), using: &generator)
        // check: the 3, one more non-zero cell, the zero shown, the total shown
        #expect(unprotected.isEmpty)
        #expect(hidden[1] && !hidden[3] && !hidden[5])
        #expect(hidden.filter { $0 }.count == 2)
        for (_, range) in LinkedSuppression.ranges(figures, hidden: hidden) { #expect(range.spans(5)) }
    }

    @Test("hidden 1s that could only add up to 2 are opened up until each could be 1 to 6")
    func smallPairs() {
        // setup: 1 + 1 shown as c, c beside a 30 with a total of 32
        var generator = SeededGenerator(seed: 7)
        let figures = Self.line([1, 1, 30])
        // act
        let (hidden, unprotected) = LinkedSuppression.protect(figures, decided: [nil, nil, nil, nil], using: &generator)
        // check: the 30 is hidden too, or the total is
        #expect(unprotected.isEmpty)
        #expect(hidden[0] && hidden[1] && (hidden[2] || hidden[3]))
    }

    @Test("a figure shown in an earlier release cannot be taken back: the new release hides around it")
    func earlierDecisionsStay() {
        // setup: an earlier release showed the total 32 and hid 1, 1, 30; now the same line
        // again with the 30 to decide
        var generator = SeededGenerator(seed: 3)
        let earlier = Self.line([1, 1, 30])
        let again = [LinkedFigure(units: [2], value: 30)]
        // act
        let (hidden, unprotected) = LinkedSuppression.protect(earlier + again, decided: [true, true, true, false, nil], using: &generator)
        // check: showing the 30 now would give the 1s away, so it stays hidden
        #expect(unprotected.isEmpty)
        #expect(hidden[4])
    }

    @Test("a figure nothing new can protect is reported, never published as if safe")
    func unprotectable() {
        // setup: an earlier release shows everything but one cell
        var generator = SeededGenerator(seed: 1)
        let figures = Self.line([4, 9])
        // act
        let (_, unprotected) = LinkedSuppression.protect(figures, decided: [true, false, false], using: &generator)
        // check
        #expect(unprotected == [0])
    }

    @Test("every hidden figure of random linked tables spans at least 5, across several releases of a year", arguments: 0..<30)
    func randomReleases(seed: Int) {
        // setup: five partnerships, four quarters; a release per quarter, then the year
        var generator = SeededGenerator(seed: UInt64(seed))
        let partnerships = (0..<5).map { _ in UUID() }
        let year = ReportingPeriod.year(startYear: 2025).quarters
        var approved: [ReleaseCell: Int] = [:]
        for partnership in partnerships {
            for quarter in year where Int.random(in: 0..<10, using: &generator) > 0 {
                approved[ReleaseCell(source: .police, category: .femaleGenitalMutilation, partnershipID: partnership, quarter: quarter)]
                    = Int.random(in: 0...(Int.random(in: 0..<3, using: &generator) == 0 ? 25 : 6), using: &generator)
            }
        }
        var kept: [ReleaseFigures] = []
        // act
        for quarters in year.map({ [$0] }) + [year] {
            let values = ReleaseTables.values(quarters: quarters, approved: approved.filter { quarters.contains($0.key.quarter!) })
            let (hidden, unprotected) = ReleaseTables.protect(values, quarters: quarters, earlier: kept, using: &generator)
            #expect(unprotected.isEmpty)
            kept.append(ReleaseFigures(quarters: quarters, values: values, hidden: hidden))
        }
        // check: audit everything published, together, as one reader would
        var units = ReleaseTables.Units()
        var figures: [LinkedFigure] = [], hidden: [Bool] = []
        for release in kept {
            for (cell, value) in release.values {
                figures.append(LinkedFigure(units: units.of(cell, among: release.values), value: value))
                hidden.append(release.hidden.contains(cell))
                if (1...5).contains(value) { #expect(release.hidden.contains(cell), "a count from 1 to 5 is never shown") }
                if value == 0 { #expect(!release.hidden.contains(cell), "a true zero is shown") }
            }
        }
        for (index, range) in LinkedSuppression.ranges(figures, hidden: hidden) {
            #expect(range.spans(5), "hidden figure \(figures[index].value) has range \(range)")
        }
    }

    @Test("an approval between two releases does not give the late return away by subtracting London's totals")
    func lateApproval() {
        // setup: three partnerships; the first release lacks the third's return
        var generator = SeededGenerator(seed: 11)
        let ids = [UUID(), UUID(), UUID()]
        let quarter = ReportingPeriod.quarter(startYear: 2026, quarter: 1)
        func cell(_ id: UUID?) -> ReleaseCell { ReleaseCell(source: .police, category: .trafficking, partnershipID: id, quarter: quarter) }
        let all = [cell(ids[0]): 12, cell(ids[1]): 15, cell(ids[2]): 3]
        let firstValues = ReleaseTables.values(quarters: [quarter], approved: all.filter { $0.key.partnershipID != ids[2] })
        let first = ReleaseTables.protect(firstValues, quarters: [quarter], earlier: [], using: &generator)
        let kept = ReleaseFigures(quarters: [quarter], values: firstValues, hidden: first.hidden)
        // act
        let secondValues = ReleaseTables.values(quarters: [quarter], approved: all)
        let second = ReleaseTables.protect(secondValues, quarters: [quarter], earlier: [kept], using: &generator)
        // check: London 27 then 30 would show the 3, so more is hidden
        #expect(first.hidden.isEmpty)
        #expect(second.unprotected.isEmpty)
        #expect(second.hidden.contains(cell(ids[2])))
        #expect(second.hidden.count >= 2)
        #expect(second.hidden.contains(cell(nil)), "London's new total would be 27 plus the hidden figure")
    }

    @Test("a partnership's total for the period only when every quarter is approved; revised figures are marked")
    func totalsAndRevisions() {
        // setup
        let a = UUID(), b = UUID()
        let quarters = ReportingPeriod.year(startYear: 2025).quarters.prefix(2).map { $0 }
        func cell(_ id: UUID?, _ quarter: ReportingPeriod?) -> ReleaseCell { ReleaseCell(source: .health, category: .forcedMarriage, partnershipID: id, quarter: quarter) }
        let approved = [cell(a, quarters[0]): 7, cell(a, quarters[1]): 9, cell(b, quarters[0]): 8]
        // act
        let values = ReleaseTables.values(quarters: quarters, approved: approved)
        let revised = ReleaseTables.revised(values, earlier: [ReleaseFigures(quarters: [quarters[0]], values: [cell(a, quarters[0]): 6, cell(b, quarters[0]): 8], hidden: [])])
        // check
        #expect(values[cell(a, nil)] == 16)
        #expect(values[cell(b, nil)] == nil)
        #expect(values[cell(nil, quarters[0])] == 15)
        #expect(values[cell(nil, nil)] == 24)
        #expect(revised == [cell(a, quarters[0])])
    }
}
