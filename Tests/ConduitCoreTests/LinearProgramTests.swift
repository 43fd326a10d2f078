import Testing
@testable import ConduitCore

@Suite("Linear programme")
struct LinearProgramTests {
    // MARK: - Examples

    @Test("a textbook maximisation reaches its known optimum (Hillier and Lieberman's Wyndor Glass)")
    func textbook() {
        // setup: 3x + 5y with x ≤ 4, 2y ≤ 12 and 3x + 2y ≤ 18; the optimum is 36, at (2, 6)
        let program = LinearProgram(variableCount: 2, constraints: [
            .init([0: 1], .atMost, 4),
            .init([1: 2], .atMost, 12),
            .init([0: 3, 1: 2], .atMost, 18),
        ])
        // act
        let best = program.maximum(of: [0: 3, 1: 5])
        let least = program.minimum(of: [0: 3, 1: 5])
        let widest = program.maximum(of: [0: 1])
        // check
        #expect(best == .value(36))
        #expect(least == .value(0))
        #expect(widest == .value(4))
    }

    @Test("a minimisation over ≥ constraints, with no slack to start from, finds its optimum")
    func atLeast() {
        // setup: 2x + 3y with x + y ≥ 4 and x + 3y ≥ 6; the corners are (0, 4), (3, 1) and (6, 0)
        let program = LinearProgram(variableCount: 2, constraints: [
            .init([0: 1, 1: 1], .atLeast, 4),
            .init([0: 1, 1: 3], .atLeast, 6),
        ])
        // act
        let least = program.minimum(of: [0: 2, 1: 3])
        let most = program.maximum(of: [0: 2, 1: 3])
        // check: 2 × 3 + 3 × 1
        #expect(least == .value(9))
        #expect(most == .unbounded)
    }

    @Test("contradictory constraints are infeasible, whatever the objective")
    func infeasible() {
        // setup
        let program = LinearProgram(variableCount: 2, constraints: [
            .init([0: 1, 1: 1], .atMost, 1),
            .init([0: 1, 1: 1], .atLeast, 3),
        ])
        let negative = LinearProgram(variableCount: 1, constraints: [.init([0: 1], .equal, -2)])
        // act
        let results = [program.minimum(of: [0: 1]), program.maximum(of: [0: 1]), program.minimum(of: [:]),
                       negative.minimum(of: [0: 1]), negative.maximum(of: [0: 1])]
        // check: x + y cannot be both at most 1 and at least 3, nor a non-negative x equal −2
        #expect(results == Array(repeating: .infeasible, count: 5))
    }

    @Test("an objective that can grow without limit is unbounded, while the other direction is finite")
    func unbounded() {
        // setup: x − y ≤ 1 lets x grow as long as y grows with it
        let program = LinearProgram(variableCount: 2, constraints: [.init([0: 1, 1: -1], .atMost, 1)])
        // act
        let most = program.maximum(of: [0: 1])
        let least = program.minimum(of: [0: 1])
        let difference = program.maximum(of: [0: 1, 1: -1])
        let negated = program.minimum(of: [0: -1, 1: -1])
        // check
        #expect(most == .unbounded)
        #expect(least == .value(0))
        #expect(difference == .value(1))
        #expect(negated == .unbounded)
    }

    @Test("Beale's example, on which Dantzig's rule cycles for ever, ends at the optimum")
    func beale() {
        // setup: Beale (1955), "Cycling in the dual simplex algorithm": with the most negative
        // reduced cost entering and ties leaving by lowest index, the simplex method returns
        // to its first basis after six degenerate pivots. The optimum is 5/4 at x4 = x6 = 1.
        let program = LinearProgram(variableCount: 4, constraints: [
            .init([0: 0.25, 1: -8, 2: -1, 3: 9], .atMost, 0),
            .init([0: 0.5, 1: -12, 2: -0.5, 3: 3], .atMost, 0),
            .init([2: 1], .atMost, 1),
        ])
        // act
        let best = program.maximum(of: [0: 0.75, 1: -20, 2: 0.5, 3: -6])
        let least = program.minimum(of: [0: -0.75, 1: 20, 2: -0.5, 3: 6])
        // check
        guard case .value(let best) = best, case .value(let least) = least else {
            Issue.record("no optimum: \(best), \(least)")
            return
        }
        #expect(abs(best - 1.25) < 1e-12)
        #expect(abs(least + 1.25) < 1e-12)
    }

    @Test("negative bounds are taken as written")
    func negativeBounds() {
        // setup: −x − y ≤ −2 is x + y ≥ 2; x − y = −3 is y = x + 3; −x ≥ −5 is x ≤ 5
        let program = LinearProgram(variableCount: 2, constraints: [
            .init([0: -1, 1: -1], .atMost, -2),
            .init([0: 1, 1: -1], .equal, -3),
            .init([0: -1], .atLeast, -5),
        ])
        // act
        let leastSum = program.minimum(of: [0: 1, 1: 1])
        let leastY = program.minimum(of: [1: 1])
        let mostX = program.maximum(of: [0: 1])
        let mostY = program.maximum(of: [1: 1])
        // check
        #expect(leastSum == .value(3))
        #expect(leastY == .value(3))
        #expect(mostX == .value(5))
        #expect(mostY == .value(8))
    }

    @Test("a table's totals, which imply one equation by the others, are redundant yet change nothing")
    func redundantEquations() {
        // setup: a hidden 2 × 2 table with rows 5 and 7, columns 4 and 8 and grand total 12;
        // the grand total, and one of the four lines, follow from the rest; one line is
        // given twice
        let lines: [LinearProgram.Constraint] = [
            .init([0: 1, 1: 1], .equal, 5), .init([2: 1, 3: 1], .equal, 7),
            .init([0: 1, 2: 1], .equal, 4), .init([1: 1, 3: 1], .equal, 8),
            .init([0: 1, 1: 1, 2: 1, 3: 1], .equal, 12), .init([0: 2, 1: 2], .equal, 10),
        ]
        let program = LinearProgram(variableCount: 4, constraints: lines)
        let contradicting = LinearProgram(variableCount: 4, constraints: lines.dropLast(2) + [.init([0: 1, 1: 1, 2: 1, 3: 1], .equal, 13)])
        // act
        let ranges = (0..<4).map { (program.minimum(of: [$0: 1]), program.maximum(of: [$0: 1])) }
        let contradiction = contradicting.maximum(of: [0: 1])
        // check: the top-left cell runs from 0 to 4, and the others move with it
        #expect(ranges.map(\.0) == [.value(0), .value(1), .value(0), .value(3)])
        #expect(ranges.map(\.1) == [.value(4), .value(5), .value(4), .value(7)])
        #expect(contradiction == .infeasible)
    }

    @Test("a variable in no constraint can grow without limit but not fall below 0")
    func unconstrainedVariable() {
        // setup
        let program = LinearProgram(variableCount: 3, constraints: [.init([0: 1, 1: 1], .atMost, 4)])
        // act
        let most = program.maximum(of: [2: 1])
        let least = program.minimum(of: [2: 1])
        let mostNegated = program.maximum(of: [2: -1])
        let zeroCoefficient = program.maximum(of: [0: 1, 2: 0])
        // check
        #expect(most == .unbounded)
        #expect(least == .value(0))
        #expect(mostNegated == .value(0))
        #expect(zeroCoefficient == .value(4))
    }

    @Test("with no constraints every variable can grow without limit from 0")
    func noConstraints() {
        // setup
        let program = LinearProgram(variableCount: 2, constraints: [])
        let nothing = LinearProgram(variableCount: 0, constraints: [])
        // act
        let least = program.minimum(of: [0: 1, 1: 2])
        let most = program.maximum(of: [0: 1, 1: 2])
        let emptyObjective = program.maximum(of: [:])
        let noVariables = nothing.minimum(of: [:])
        // check
        #expect(least == .value(0))
        #expect(most == .unbounded)
        #expect(emptyObjective == .value(0))
        #expect(noVariables == .value(0))
    }

    @Test("a constraint naming no variable holds or fails on its bound alone")
    func emptyConstraints() {
        // setup
        let holding = LinearProgram(variableCount: 1, constraints: [
            .init([:], .equal, 0), .init([:], .atMost, 3), .init([0: 0], .atLeast, -1), .init([0: 1], .atMost, 2),
        ])
        let failing = LinearProgram(variableCount: 1, constraints: [.init([0: 1], .atMost, 2), .init([:], .atLeast, 1)])
        // act
        let most = holding.maximum(of: [0: 1])
        let failed = failing.maximum(of: [0: 1])
        // check
        #expect(most == .value(2))
        #expect(failed == .infeasible)
    }

    @Test("a programme answers alike each time it is asked, and afresh once it is changed")
    func reuse() {
        // setup: phase 1 runs on the first question and is kept
        var program = LinearProgram(variableCount: 2, constraints: [.init([0: 1, 1: 1], .atMost, 10)])
        let first = program.maximum(of: [0: 1])
        let copy = program
        // act: a tighter constraint, then a new variable
        program.constraints.append(.init([0: 1], .atMost, 3))
        let tightened = program.maximum(of: [0: 1])
        program.variableCount = 3
        let widened = program.maximum(of: [2: 1])
        program.constraints.append(.init([0: 1], .atLeast, 4))
        let contradicted = program.maximum(of: [1: 1])
        // check: the copy keeps the programme it was copied from
        #expect(first == .value(10))
        #expect(program.maximum(of: [0: 1]) == .infeasible)
        #expect(copy.maximum(of: [0: 1]) == .value(10))
        #expect(copy.minimum(of: [0: -1]) == .value(-10))
        #expect(tightened == .value(3))
        #expect(widened == .unbounded)
        #expect(contradicted == .infeasible)
    }

    @Test("questions asked at once from several tasks get the same answers")
    func concurrent() async {
        // setup: a 3 × 3 table of hidden counts with known totals (rows 6, 9, 12; columns 8, 9, 10)
        let rows = [6.0, 9, 12], columns = [8.0, 9, 10]
        let program = LinearProgram(
            variableCount: 9,
            constraints: (0..<3).map { row in .init(Dictionary(uniqueKeysWithValues: (0..<3).map { (row * 3 + $0, 1.0) }), .equal, rows[row]) }
                + (0..<3).map { column in .init(Dictionary(uniqueKeysWithValues: (0..<3).map { ($0 * 3 + column, 1.0) }), .equal, columns[column]) }
        )
        // act
        let answers = await withTaskGroup(of: [LinearProgram.Optimum].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<9).map { program.maximum(of: [$0: 1]) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        // check: each cell is at most the smaller of its row and column totals
        let expected = (0..<9).map { LinearProgram.Optimum.value(min(rows[$0 / 3], columns[$0 % 3])) }
        #expect(answers.count == 8)
        #expect(answers.allSatisfy { $0 == expected })
    }

    // MARK: - Properties

    @Test("property: on random tables with hidden figures, each hidden figure's range is that of all whole-number solutions")
    func propertyTables() {
        // setup: the constraint matrix of a table with its totals is a network's (cells flow
        // from rows to columns, totals to and from the grand total), so totally unimodular:
        // the programme's bounds are attained by whole numbers and must match enumeration
        var generator = SeededGenerator(seed: 1955)
        var compared = 0, contradictory = 0, unbounded = 0
        for _ in 0..<400 {
            let table = HiddenTable.random(using: &generator)
            guard let enumerated = table.enumeratedRanges(nodeBudget: 200_000) else { continue }
            compared += 1
            // act
            let program = table.program()
            let solved = table.hiddenFigures.indices.map { (program.minimum(of: [$0: 1]), program.maximum(of: [$0: 1])) }
            // check
            switch enumerated {
            case .none:
                contradictory += 1
                #expect(solved.allSatisfy { $0 == (.infeasible, .infeasible) }, "\(table)")
            case .some(let ranges):
                for (figure, (range, (low, high))) in zip(table.hiddenFigures, zip(ranges, solved)) {
                    #expect(low == .value(Double(range.lower)), "\(table) at \(figure)")
                    let expected: LinearProgram.Optimum = range.upper.map { .value(Double($0)) } ?? .unbounded
                    #expect(high == expected, "\(table) at \(figure)")
                    if range.upper == nil { unbounded += 1 }
                }
            }
        }
        // the seed gives enough of every kind of table for the comparison to mean something
        #expect(compared >= 350)
        #expect(contradictory >= 20)
        #expect(unbounded >= 20)
    }

    @Test("a 12 × 15 table with every count hidden: each cell's range holds its true count within its totals")
    func largeTable() {
        // setup: 184 variables and 206 constraints, near the top of the sizes Conduit solves
        var generator = SeededGenerator(seed: 1215)
        let counts = (0..<12).map { _ in (0..<15).map { _ in Int.random(in: 0...30, using: &generator) } }
        let table = HiddenTable(counts: counts) { row, column in
            // every non-zero count, and a quarter of the totals
            row < 12 && column < 15 ? counts[row][column] > 0 : Int.random(in: 0..<4, using: &generator) == 0
        }
        let program = table.program()
        // act
        let ranges = table.hiddenFigures.indices.map { (program.minimum(of: [$0: 1]), program.maximum(of: [$0: 1])) }
        // check
        #expect(program.variableCount >= 180 && program.constraints.count >= 150)
        for (figure, (low, high)) in zip(table.hiddenFigures, ranges) {
            let value = Double(table.grid[figure.row][figure.column])
            guard case .value(let lower) = low else { Issue.record("no minimum at \(figure)"); continue }
            let upper: Double? = if case .value(let upper) = high { upper } else { nil }
            #expect(lower <= value && value <= upper ?? value, "\(figure)")
            guard figure.row < 12 && figure.column < 15 else { continue }
            #expect(lower >= 1, "\(figure)")
            // a count is at most each of its shown totals
            let totals = [Position(row: figure.row, column: 15), Position(row: 12, column: figure.column), Position(row: 12, column: 15)]
            for total in totals where !table.hidden[total.row][total.column] {
                #expect(upper ?? .infinity <= Double(table.grid[total.row][total.column]), "\(figure)")
            }
        }
    }
}

/// A table with its totals (the last row and column) and some of its figures hidden, as a
/// reader of a published table sees it.
private struct HiddenTable: CustomStringConvertible {
    /// The true figures: counts, row totals in the last column, column totals in the last
    /// row, the grand total in the corner; shown totals may have been altered.
    var grid: [[Int]]
    var hidden: [[Bool]]

    var lastRow: Int { grid.count - 1 }
    var lastColumn: Int { grid[0].count - 1 }

    init(counts: [[Int]], hide: (Int, Int) -> Bool) {
        var grid = counts.map { $0 + [$0.reduce(0, +)] }
        grid.append((0..<grid[0].count).map { column in grid.reduce(0) { $0 + $1[column] } })
        hidden = grid.indices.map { row in grid[row].indices.map { hide(row, $0) } }
        self.grid = grid
    }

    /// A table of 3 × 3 up to 5 × 5 counts from 0 to 9 with one to eight non-zero counts hidden
    /// (a hidden count is at least 1: zeros are shown), each total hidden one time in six;
    /// one time in five a shown total is changed, which usually contradicts the rest.
    static func random(using generator: inout SeededGenerator) -> HiddenTable {
        let rows = Int.random(in: 3...5, using: &generator), columns = Int.random(in: 3...5, using: &generator)
        let counts = (0..<rows).map { _ in (0..<columns).map { _ in Int.random(in: 0...9, using: &generator) } }
        let nonZero = (0..<rows).flatMap { row in (0..<columns).filter { counts[row][$0] > 0 }.map { [row, $0] } }
        let hiddenCells = Set(nonZero.shuffled(using: &generator).prefix(Int.random(in: 1...8, using: &generator)))
        var table = HiddenTable(counts: counts) { row, column in
            row < rows && column < columns ? hiddenCells.contains([row, column]) : Int.random(in: 0..<6, using: &generator) == 0
        }
        let shownTotals = table.figures.filter { ($0.row == rows || $0.column == columns) && !table.hidden[$0.row][$0.column] }
        if Int.random(in: 0..<5, using: &generator) == 0, let altered = shownTotals.randomElement(using: &generator) {
            table.grid[altered.row][altered.column] += Int.random(in: 1...2, using: &generator)
        }
        return table
    }

    var figures: [Position] {
        grid.indices.flatMap { row in grid[row].indices.map { Position(row: row, column: $0) } }
    }

    /// The hidden figures in order; the variable of the programme for each is its place here.
    var hiddenFigures: [Position] { figures.filter { hidden[$0.row][$0.column] } }

    /// The programme a reader would solve: each line of the grid (its entries add up to its
    /// last one) as an equation in the hidden figures, each hidden count at least 1.
    func program() -> LinearProgram {
        let variable = Dictionary(uniqueKeysWithValues: hiddenFigures.enumerated().map { ($1, $0) })
        let lines = (0...lastRow).map { row in (0...lastColumn).map { Position(row: row, column: $0) } }
            + (0...lastColumn).map { column in (0...lastRow).map { Position(row: $0, column: column) } }
        var constraints: [LinearProgram.Constraint] = []
        for line in lines {
            var terms: [Int: Double] = [:], bound = 0.0
            for (place, figure) in line.enumerated() {
                // the total is the line's last entry and counts against the rest
                let sign = place == line.count - 1 ? -1.0 : 1.0
                if let index = variable[figure] { terms[index] = sign } else { bound -= sign * Double(grid[figure.row][figure.column]) }
            }
            // lines with nothing hidden are kept: a changed total makes them contradictory
            constraints.append(.init(terms, .equal, bound))
        }
        for (index, figure) in hiddenFigures.enumerated() where figure.row < lastRow && figure.column < lastColumn {
            constraints.append(.init([index: 1], .atLeast, 1))
        }
        return LinearProgram(variableCount: hiddenFigures.count, constraints: constraints)
    }

    /// Each hidden figure's least and greatest value over every whole-number filling of the
    /// hidden counts (nil upper: no limit), `.some(nil)` when none fits, or nil when the
    /// search would visit more than `nodeBudget` partial fillings.
    ///
    /// The search fills hidden counts one by one; a hidden total is the sum of its line. Its
    /// only constraints are the shown totals: a count can be at most what is left of each of
    /// its shown totals once every other hidden count there has 1, and the last hidden count
    /// of a shown total is what is left. A count with no shown total (its row, its column and
    /// the grand total all hidden) can be raised freely with those three totals, so it is
    /// unlimited above, and it is enough to search it at 1.
    func enumeratedRanges(nodeBudget: Int) -> [(lower: Int, upper: Int?)]?? {
        let cells = hiddenFigures.filter { $0.row < lastRow && $0.column < lastColumn }
        // shown totals, each with what is left for its hidden counts and how many there are
        var left: [Int] = [], open: [Int] = []
        var totalsOf: [[Int]] = Array(repeating: [], count: cells.count)
        func addTotal(_ total: Position, over line: [Position]) {
            guard !hidden[total.row][total.column] else { return }
            let index = left.count
            left.append(grid[total.row][total.column] - line.filter { !hidden[$0.row][$0.column] }.reduce(0) { $0 + grid[$1.row][$1.column] })
            open.append(0)
            for (cell, position) in cells.enumerated() where line.contains(position) {
                totalsOf[cell].append(index)
                open[index] += 1
            }
        }
        let countsOnly = (0..<lastRow).flatMap { row in (0..<lastColumn).map { Position(row: row, column: $0) } }
        for row in 0..<lastRow { addTotal(Position(row: row, column: lastColumn), over: countsOnly.filter { $0.row == row }) }
        for column in 0..<lastColumn { addTotal(Position(row: lastRow, column: column), over: countsOnly.filter { $0.column == column }) }
        addTotal(Position(row: lastRow, column: lastColumn), over: countsOnly)
        // a shown total over no hidden count either holds or contradicts the table
        guard zip(left, open).allSatisfy({ $1 > 0 || $0 == 0 }) else { return .some(nil) }

        var values = cells.map { grid[$0.row][$0.column] }
        var lowest: [Int]? = nil, highest: [Int] = []
        var nodes = 0
        func record() {
            var filled = grid
            for (cell, position) in cells.enumerated() { filled[position.row][position.column] = values[cell] }
            for row in 0..<lastRow { filled[row][lastColumn] = filled[row][0..<lastColumn].reduce(0, +) }
            for column in 0...lastColumn { filled[lastRow][column] = (0..<lastRow).reduce(0) { $0 + filled[$1][column] } }
            let figures = hiddenFigures.map { filled[$0.row][$0.column] }
            lowest = zip(lowest ?? figures, figures).map { min($0, $1) }
            highest = zip(highest.isEmpty ? figures : highest, figures).map { max($0, $1) }
        }
        func search(_ cell: Int) -> Bool {
            nodes += 1
            guard nodes <= nodeBudget else { return false }
            guard cell < cells.count else { record(); return true }
            // each other hidden count of a total needs at least 1 of what is left; the last
            // one takes all of it
            var least = 1, most = totalsOf[cell].isEmpty ? 1 : Int.max
            for total in totalsOf[cell] {
                most = min(most, left[total] - (open[total] - 1))
                if open[total] == 1 { least = max(least, left[total]) }
            }
            guard least <= most else { return true }
            for value in least...most {
                values[cell] = value
                for total in totalsOf[cell] { left[total] -= value; open[total] -= 1 }
                let finished = search(cell + 1)
                for total in totalsOf[cell] { left[total] += value; open[total] += 1 }
                guard finished else { return false }
            }
            return true
        }
        guard search(0) else { return nil }
        guard let lowest else { return .some(nil) }
        // a hidden figure is unlimited above when it is, or adds up, a count with no shown total
        let free = cells.filter { cell in totalsOf[cells.firstIndex(of: cell)!].isEmpty }
        return .some(hiddenFigures.indices.map { index in
            let figure = hiddenFigures[index]
            let unlimited = free.contains { cell in
                (figure.row == lastRow || figure.row == cell.row) && (figure.column == lastColumn || figure.column == cell.column)
            }
            return (lowest[index], unlimited ? nil : highest[index])
        })
    }

    var description: String {
        grid.indices.map { row in
            grid[row].indices.map { hidden[row][$0] ? "[\(grid[row][$0])]" : "\(grid[row][$0])" }.joined(separator: " ")
        }.joined(separator: " / ")
    }
}

/// A place in the grid of a table with its totals.
private struct Position: Hashable, CustomStringConvertible {
    var row: Int
    var column: Int
    var description: String { "(\(row), \(column))" }
}
