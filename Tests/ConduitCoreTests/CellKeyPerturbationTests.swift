import Foundation
import Testing
@testable import ConduitCore

@Suite("Cell key perturbation and the publication policy")
struct CellKeyPerturbationTests {
    /// Records with their permanent random keys.
    static func records(_ count: Int, using generator: inout SeededGenerator) -> [Int] {
        (0..<count).map { _ in Int.random(in: 0..<CellKeyPerturbation.keySpace, using: &generator) }
    }

    static func keyed(_ keys: [Int]) -> KeyedCount { KeyedCount(count: keys.count, keySum: keys.reduce(0, +)) }

    @Test("the same records give the same figure in any query, in whatever order they are counted")
    func sameRecordsSameFigure() {
        // setup
        var generator = SeededGenerator(seed: 14)
        for _ in 0..<200 {
            let keys = Self.records(Int.random(in: 0...60, using: &generator), using: &generator)
            // act: the same records reached by another query, in another order, and split in two
            let once = CellKeyPerturbation.cell(Self.keyed(keys))
            let shuffled = CellKeyPerturbation.cell(Self.keyed(keys.shuffled(using: &generator)))
            let split = keys.count / 2
            let parts = CellKeyPerturbation.cell(Self.keyed(Array(keys[..<split])) + Self.keyed(Array(keys[split...])))
            // check
            #expect(once == shuffled && once == parts)
        }
    }

    @Test("for every count from 3, the adjustments over the 256 keys are the documented table: unbiased, never more than 2")
    func distribution() {
        for count in [3, 4, 5, 6, 17, 178, 10_000] {
            // act
            let adjustments = (0..<CellKeyPerturbation.keySpace).map { CellKeyPerturbation.adjustment(count: count, keySum: $0) }
            // check
            #expect(adjustments.reduce(0, +) == 0, "unbiased for \(count)")
            #expect(Dictionary(grouping: adjustments, by: { $0 }).mapValues(\.count) == [-2: 26, -1: 51, 0: 102, 1: 51, 2: 26])
        }
    }

    @Test("zeros stay 0, counts of 1 and 2 are not moved, and whatever comes out from 1 to 5 is shown as c")
    func smallCounts() {
        for key in 0..<CellKeyPerturbation.keySpace {
            #expect(CellKeyPerturbation.cell(KeyedCount(count: 0, keySum: key)) == .count(0))
            #expect(CellKeyPerturbation.adjustment(count: 1, keySum: key) == 0 && CellKeyPerturbation.adjustment(count: 2, keySum: key) == 0)
            for count in 1...3 { #expect(CellKeyPerturbation.cell(KeyedCount(count: count, keySum: key)) == .suppressed) }
            let seven = CellKeyPerturbation.cell(KeyedCount(count: 7, keySum: key))
            #expect(seven == .suppressed || (6...9).contains(seven.value ?? 0))
        }
    }

    @Test("subtracting a table without one record from the table with it gives the record's count exactly at most half the time")
    func differencing() {
        // setup: an attacker asks for the total with and without one participant (a date
        // range ending on the day of a session, and the day before)
        var generator = SeededGenerator(seed: 2026)
        var exact = 0
        let trials = 4_000
        for _ in 0..<trials {
            let others = Self.records(Int.random(in: 20...400, using: &generator), using: &generator)
            let hidden = Self.records(Int.random(in: 1...5, using: &generator), using: &generator)
            // act
            let with = CellKeyPerturbation.cell(Self.keyed(others + hidden)).value!
            let without = CellKeyPerturbation.cell(Self.keyed(others)).value!
            if with - without == hidden.count { exact += 1 }
        }
        // check: about 26% (the chance two adjustments agree), far under half
        let share = Double(exact) / Double(trials)
        #expect(share < 0.35 && share > 0.15, "\(share)")
    }

    @Test("a table's totals are cells of their own: adjusted as any cell of the same records")
    func tableTotals() {
        // setup
        var generator = SeededGenerator(seed: 5)
        let table = (0..<4).map { _ in (0..<3).map { _ in Self.keyed(Self.records(Int.random(in: 0...30, using: &generator), using: &generator)) } }
        // act
        let adjusted = CellKeyPerturbation.adjust(table: table)
        // check
        #expect(adjusted.rowTotals[1] == CellKeyPerturbation.cell(table[1].reduce(.zero, +)))
        #expect(adjusted.total == CellKeyPerturbation.cell(table.joined().reduce(.zero, +)))
        #expect(adjusted.cells[2][0] == CellKeyPerturbation.cell(table[2][0]))
    }

    // MARK: - The policy

    static let camden = UUID(), hackney = UUID()

    @Test("exact only where the reader may open every record counted; an analyst never opens records", arguments: Role.allCases)
    func policy(role: Role) {
        // setup: the role in Camden only
        let memberships = [Membership(partnershipID: Self.camden, role: role)]
        let opensRegisters = Policy.actions(of: role).contains(.readTraining)
        let opensReturns = Policy.actions(of: role).contains(.approveReturns) || Policy.actions(of: role).contains(.enterReturns)
        // act
        let own = PublicationPolicy.publication(counting: [Self.camden], opening: .records(.readTraining), memberships: memberships)
        let both = PublicationPolicy.publication(counting: [Self.camden, Self.hackney], opening: .records(.readTraining), memberships: memberships)
        let returns = PublicationPolicy.publication(counting: [Self.camden], opening: .returns([.police]), memberships: memberships)
        let nothing = PublicationPolicy.publication(counting: [], opening: .records(.readTraining), memberships: memberships)
        // check
        #expect(own == (opensRegisters ? .exact : .adjusted))
        #expect(both == .adjusted, "Hackney's registers are not this person's to open")
        #expect(returns == (opensReturns ? .exact : .adjusted))
        #expect(nothing == .exact, "no record counted, nothing to protect")
        if role == .analyst { #expect(own == .adjusted && returns == .adjusted) }
    }

    @Test("a police data lead reads their own police figures exactly, and the local authority's adjusted")
    func submitterSources() {
        // setup
        let memberships = [Membership(partnershipID: Self.camden, role: .submitter, returnSource: .police)]
        // act, check
        #expect(PublicationPolicy.publication(counting: [Self.camden], opening: .returns([.police]), memberships: memberships) == .exact)
        #expect(PublicationPolicy.publication(counting: [Self.camden], opening: .returns([.localAuthority]), memberships: memberships) == .adjusted)
        #expect(PublicationPolicy.publication(counting: [Self.camden], opening: .returns([.localAuthority, .police]), memberships: memberships) == .adjusted)
    }
}
