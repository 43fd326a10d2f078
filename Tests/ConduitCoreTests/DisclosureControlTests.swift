import Testing
@testable import ConduitCore

@Suite("Disclosure control")
struct DisclosureControlTests {
    // MARK: - Examples

    @Test("seed 003's referral table hides its four small counts and keeps the total")
    func seedOneWay() {
        // setup
        let counts = [8, 27, 1, 2, 15, 24, 18, 12, 14, 10, 18, 1, 3, 11, 14]
        // act
        let (cells, total) = DisclosureControl.suppress(counts)
        // check: 1, 2, 1 and 3 are hidden; four hidden counts already protect one another
        #expect(cells.map(\.text) == ["8", "27", "c", "c", "15", "24", "18", "12", "14", "10", "18", "c", "c", "11", "14"])
        #expect(total == .count(178))
    }

    @Test("one small count hides the next smallest too, so the total cannot give it away")
    func secondaryOneWay() {
        // act
        let (cells, total) = DisclosureControl.suppress([8, 1, 20, 0])
        // check: 29 − 20 − 0 leaves 9 to share between two hidden counts
        #expect(cells == [.suppressed, .suppressed, .count(20), .count(0)])
        #expect(total == .count(29))
    }

    @Test("hidden counts that could only be 1 each are protected by a third")
    func hiddenOnes() {
        // act
        let (cells, total) = DisclosureControl.suppress([1, 1, 27])
        // check: with only the two 1s hidden, 29 − 27 = 2 would make both 1
        #expect(cells == [.suppressed, .suppressed, .suppressed])
        #expect(total == .count(29))
    }

    @Test("a cycle of hidden cells whose only moves would take a 1 to 0 is opened up")
    func blockedCycle() {
        // setup: two hidden per line alone would hide the 1, 20, 1, 4, 5 and 2, one cycle
        // round rows and columns; with two 1s on it, every move round the cycle takes a 1
        // to 0, so each of the six could be worked out
        let counts = [[23, 1, 20], [1, 6, 4], [5, 2, 13], [0, 15, 0]]
        // act
        let table = DisclosureControl.suppress(table: counts)
        // check: one more cell is hidden, so the figures can move
        #expect(table.cells.map { $0.map(\.text) } == [["23", "c", "c"], ["c", "c", "c"], ["c", "c", "13"], ["0", "15", "0"]])
        #expect(table.rowTotals.map(\.text) == ["44", "11", "20", "15"])
        #expect(table.columnTotals.map(\.text) == ["29", "24", "37"])
    }

    @Test("true zeros are shown; a small total is hidden")
    func zeros() {
        // act
        let onlyZeros = DisclosureControl.suppress([0, 0])
        let small = DisclosureControl.suppress([0, 3, 0])
        let empty = DisclosureControl.suppress([])
        // check
        #expect(onlyZeros.cells == [.count(0), .count(0)])
        #expect(onlyZeros.total == .count(0))
        #expect(small.cells.map(\.text) == ["0", "c", "0"])
        #expect(small.total.text == "c")
        #expect(empty.cells.isEmpty)
        #expect(empty.total == .count(0))
    }

    @Test("a two-way table hides a second cell in each row and column with one small count")
    func twoWay() {
        // act
        let table = DisclosureControl.suppress(table: [[1, 6], [6, 1]])
        // check: every margin is shown, and each hidden cell has a partner in its row and column
        #expect(table.cells == [[.suppressed, .suppressed], [.suppressed, .suppressed]])
        #expect(table.rowTotals == [.count(7), .count(7)])
        #expect(table.columnTotals == [.count(7), .count(7)])
        #expect(table.total == .count(14))
    }

    @Test("suppression spreads through the totals until no line has a single hidden figure")
    func twoWayThroughTotals() {
        // act
        let table = DisclosureControl.suppress(table: [[2, 0], [10, 12]])
        // check: the 2 and its row total are small; that leaves column 0 with one hidden
        // cell, so the 10 goes too, and the column of row totals with one, so the 22 goes
        #expect(table.cells.map { $0.map(\.text) } == [["c", "0"], ["c", "12"]])
        #expect(table.rowTotals.map(\.text) == ["c", "c"])
        #expect(table.columnTotals.map(\.text) == ["12", "12"])
        #expect(table.total == .count(24))
    }

    @Test("a table with nothing small is shown whole")
    func nothingSmall() {
        // act
        let table = DisclosureControl.suppress(table: [[6, 0, 7], [8, 9, 10]])
        // check
        #expect(table == SuppressedTable(cells: [[.count(6), .count(0), .count(7)], [.count(8), .count(9), .count(10)]],
                                         rowTotals: [.count(13), .count(27)],
                                         columnTotals: [.count(14), .count(9), .count(17)],
                                         total: .count(40)))
        #expect(DisclosureControl.suppress(table: []) == SuppressedTable(cells: [], rowTotals: [], columnTotals: [], total: .count(0)))
    }

    @Test("the attack finds a figure that one hidden cell alone would give away")
    func attackWorks() {
        // setup: a publication that hid only the 1 (primary suppression without secondary)
        let attack = TableAttack(values: [8, 1, 20, 29], hidden: [false, true, false, false],
                                 upper: [30, 30, 30, 90], lines: [[(0, 1), (1, 1), (2, 1), (3, -1)]])
        // act
        let exposed = attack.exposedEntries()
        // check: the property tests below would fail on such a publication
        #expect(exposed == [1])
    }

    // MARK: - Properties

    @Test("property: one-way tables show nothing from 1 to 5, keep zeros, and hide nothing that can be worked out")
    func propertyOneWay() {
        // setup
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<500 {
            let counts = (0..<Int.random(in: 1...8, using: &generator)).map { _ in Self.randomCount(using: &generator) }
            // act
            let (cells, total) = DisclosureControl.suppress(counts)
            // check
            let values = counts + [counts.reduce(0, +)]
            let shown = cells + [total]
            Self.checkShown(values: values, shown: shown)
            let hidden = shown.map { $0 == .suppressed }
            #expect(hidden.count { $0 } != 1, "\(counts)")
            let attack = TableAttack(values: values, hidden: hidden,
                                     upper: counts.map { _ in 31 } + [31 * counts.count],
                                     lines: [counts.indices.map { ($0, 1) } + [(counts.count, -1)]])
            #expect(attack.exposedEntries() == [], "\(counts)")
        }
    }

    @Test("property: two-way tables show nothing from 1 to 5, keep zeros, and hide nothing that can be worked out")
    func propertyTwoWay() {
        // setup
        var generator = SeededGenerator(seed: 2010)
        var attacked = 0
        for _ in 0..<600 {
            let rows = Int.random(in: 1...4, using: &generator)
            let columns = Int.random(in: 1...5, using: &generator)
            let table = (0..<rows).map { _ in (0..<columns).map { _ in Self.randomCount(using: &generator) } }
            // act
            let published = DisclosureControl.suppress(table: table)
            // check: the published grid, totals included, against the true one
            var grid = table.map { $0 + [$0.reduce(0, +)] }
            grid.append((0...columns).map { column in grid.reduce(0) { $0 + $1[column] } })
            let shownGrid = zip(published.cells, published.rowTotals).map { $0 + [$1] }
                + [published.columnTotals + [published.total]]
            #expect(shownGrid.count == rows + 1 && shownGrid.allSatisfy { $0.count == columns + 1 })
            let values = grid.flatMap { $0 }
            let shown = shownGrid.flatMap { $0 }
            Self.checkShown(values: values, shown: shown)

            let width = columns + 1
            let rowLines = (0...rows).map { row in (0...columns).map { (row * width + $0, $0 == columns ? -1 : 1) } }
            let columnLines = (0...columns).map { column in (0...rows).map { ($0 * width + column, $0 == rows ? -1 : 1) } }
            let hidden = shown.map { $0 == .suppressed }
            for line in rowLines + columnLines {
                #expect(line.count { hidden[$0.0] } != 1, "\(table): a line has one hidden figure")
            }

            // the real test: an exhaustive search, on tables small enough that it stays
            // quick even when a change to the rule makes it search everything
            guard hidden.count(where: { $0 }) <= 8 else { continue }
            attacked += 1
            var upper: [Int] = []
            for row in 0...rows {
                for column in 0...columns {
                    let cellsSummed = (row == rows ? rows : 1) * (column == columns ? columns : 1)
                    upper.append(31 * cellsSummed)
                }
            }
            let attack = TableAttack(values: values, hidden: hidden, upper: upper, lines: rowLines + columnLines)
            #expect(attack.exposedEntries() == [], "\(table)")
        }
        // enough tables were attacked for the test to mean something
        #expect(attacked >= 300)
    }

    // MARK: - Helpers

    /// A count for a random table: a fifth zeros, many small ones, the rest up to 30.
    static func randomCount(using generator: inout SeededGenerator) -> Int {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<2: 0
        case 2..<6: Int.random(in: 1...5, using: &generator)
        default: Int.random(in: 6...30, using: &generator)
        }
    }

    /// What is shown is true, nothing shown is from 1 to 5, and every zero is shown as 0.
    static func checkShown(values: [Int], shown: [Cell], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(values.count == shown.count, sourceLocation: sourceLocation)
        for (value, cell) in zip(values, shown) {
            switch cell {
            case .count(let figure):
                #expect(figure == value, sourceLocation: sourceLocation)
                #expect(!(1...DisclosureControl.threshold).contains(figure), "\(values) shows \(figure)", sourceLocation: sourceLocation)
            case .suppressed:
                #expect(value != 0, "\(values) hides a zero", sourceLocation: sourceLocation)
            }
        }
    }
}

/// What someone can work out from a published table: whether a hidden entry could have
/// another value, given the figures shown and that every line adds up. A hidden entry is
/// known to be at least 1 (a true zero would be shown) and at most `upper`: one more than
/// the largest the generator makes, so the bound never blocks raising an entry (a reader
/// has no upper bound) while keeping the search finite.
struct TableAttack {
    /// The true values; the attacker knows those not hidden.
    var values: [Int]
    var hidden: [Bool]
    var upper: [Int]
    /// Each line as (entry, sign): the signed values add up to zero (cells +1, total −1).
    var lines: [[(entry: Int, sign: Int)]]

    init(values: [Int], hidden: [Bool], upper: [Int], lines: [[(Int, Int)]]) {
        self.values = values
        self.hidden = hidden
        self.upper = upper
        self.lines = lines.map { $0.map { (entry: $0.0, sign: $0.1) } }
    }

    /// The hidden entries that no other fitting table changes: those a reader can work out.
    func exposedEntries() -> [Int] {
        values.indices.filter { hidden[$0] && !canDiffer($0) }
    }

    /// Whether some table that fits what is shown has another value at `entry`: an
    /// exhaustive search, trying values near the true ones first so it ends quickly.
    func canDiffer(_ entry: Int) -> Bool {
        var partial: [Int?] = values.indices.map { hidden[$0] ? nil : values[$0] }
        for value in candidates(entry) where value != values[entry] {
            partial[entry] = value
            if completes(partial) { return true }
        }
        return false
    }

    /// 1 up to `upper`, nearest the true value first.
    private func candidates(_ entry: Int) -> [Int] {
        (1...upper[entry]).sorted { (abs($0 - values[entry]), $0) < (abs($1 - values[entry]), $1) }
    }

    /// Whether the unknown entries can be filled in so that every line adds up.
    private func completes(_ partial: [Int?]) -> Bool {
        guard let filled = propagate(partial) else { return false }
        // branch on the entry with the fewest possible values (cells before totals)
        guard let next = filled.indices.filter({ filled[$0] == nil }).min(by: { (upper[$0], $0) < (upper[$1], $1) }) else {
            return true
        }
        for value in candidates(next) {
            var tried = filled
            tried[next] = value
            if completes(tried) { return true }
        }
        return false
    }

    /// Fills in every entry a line determines; nil when the values contradict a line or a bound.
    private func propagate(_ partial: [Int?]) -> [Int?]? {
        var values = partial
        var changed = true
        while changed {
            changed = false
            for line in lines {
                let unknown = line.filter { values[$0.entry] == nil }
                let sum = line.reduce(0) { sum, term in sum + (values[term.entry] ?? 0) * term.sign }
                if unknown.isEmpty {
                    if sum != 0 { return nil }
                } else if unknown.count == 1 {
                    let value = -sum * unknown[0].sign
                    guard value >= 1, value <= upper[unknown[0].entry] else { return nil }
                    values[unknown[0].entry] = value
                    changed = true
                }
            }
        }
        return values
    }
}
