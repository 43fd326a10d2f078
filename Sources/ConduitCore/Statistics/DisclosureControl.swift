/// A published figure.
public enum Cell: Equatable, Hashable, Sendable {
    case count(Int)
    case suppressed

    /// The count when it is shown; nil when hidden.
    public var value: Int? {
        if case .count(let value) = self { value } else { nil }
    }

    /// The figure as printed: "12", "0", or "c" for a hidden count (DfE's symbol).
    public var text: String {
        switch self {
        case .count(let value): String(value)
        case .suppressed: "c"
        }
    }
}

/// A table as published: cells, row totals, column totals and the grand total.
public struct SuppressedTable: Equatable, Sendable {
    public var cells: [[Cell]]
    public var rowTotals: [Cell]
    public var columnTotals: [Cell]
    public var total: Cell

    public init(cells: [[Cell]], rowTotals: [Cell], columnTotals: [Cell], total: Cell) {
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.total = total
    }

    /// A table published exactly: every cell and total shown.
    public static func exact(_ counts: [[Int]]) -> SuppressedTable {
        let columns = counts.first?.count ?? 0
        return SuppressedTable(cells: counts.map { $0.map(Cell.count) },
                               rowTotals: counts.map { .count($0.reduce(0, +)) },
                               columnTotals: (0..<columns).map { column in .count(counts.reduce(0) { $0 + $1[column] }) },
                               total: .count(counts.joined().reduce(0, +)))
    }
}

/// The one disclosure control of DESIGN.md ("Rules that hold everywhere"): every figure
/// shown outside the partnership that owns it passes through here.
///
/// DfE practice (as in its published statistics): counts from 1 to 5 are shown as "c",
/// true zeros are shown as 0, and further figures are hidden (secondary suppression) so
/// that a hidden figure cannot be worked out from the totals and the other figures.
public enum DisclosureControl {
    /// Counts from 1 to this are never shown.
    public static let threshold = 5

    /// A one-way table (one row of cells and its total).
    public static func suppress(_ counts: [Int]) -> (cells: [Cell], total: Cell) {
        // A one-way table is a two-way table of one row; its column totals repeat the
        // cells, so they tell a reader nothing more and are left out here.
        let table = suppress(table: [counts])
        return (table.cells[0], table.rowTotals[0])
    }

    /// A two-way table with row, column and grand totals.
    public static func suppress(table: [[Int]]) -> SuppressedTable {
        let columns = table.first?.count ?? 0
        precondition(table.allSatisfy { $0.count == columns }, "every row needs the same number of cells")
        precondition(table.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "a count cannot be negative")

        // The table and its totals as one grid: row totals in the last column, column
        // totals in the last row, the grand total in the corner.
        var grid = table.map { $0 + [$0.reduce(0, +)] }
        grid.append((0...columns).map { column in grid.reduce(0) { $0 + $1[column] } })
        let hidden = protect(grid)
        let shown = zip(grid, hidden).map { values, hide in
            zip(values, hide).map { $1 ? Cell.suppressed : Cell.count($0) }
        }
        return SuppressedTable(
            cells: shown.dropLast().map { Array($0.dropLast()) },
            rowTotals: shown.dropLast().map { $0[columns] },
            columnTotals: Array(shown[table.count].dropLast()),
            total: shown[table.count][columns]
        )
    }

    /// A place in the grid of a table with its totals.
    private typealias Position = (row: Int, column: Int)

    /// Which entries of the grid to hide.
    private static func protect(_ grid: [[Int]]) -> [[Bool]] {
        let lastRow = grid.count - 1, lastColumn = grid[0].count - 1
        // Every row and every column of the grid is a line whose last entry is the sum
        // of the others.
        let lines = (0...lastRow).map { row in (0...lastColumn).map { Position(row, $0) } }
            + (0...lastColumn).map { column in (0...lastRow).map { Position($0, column) } }

        // Primary suppression: small counts, cells and totals alike.
        var hidden = grid.map { $0.map { (1...threshold).contains($0) } }

        // Secondary suppression: a line with one hidden entry gives it away by
        // subtraction, so hide a second one; repeat, because that one may leave another
        // line (its column, say) with a single hidden entry.
        func hideSecondInLines() {
            var changed = true
            while changed {
                changed = false
                for line in lines where line.count(where: { hidden[$0.row][$0.column] }) == 1 {
                    if let choice = nextToHide(among: line, grid, hidden) {
                        hidden[choice.row][choice.column] = true
                        changed = true
                    }
                }
            }
        }

        hideSecondInLines()
        // Two hidden entries per line are not always enough: hidden 1s that must add up
        // to 2, or hidden entries linked to the rest only through one entry, can still be
        // worked out. Hide more beside such an entry until none is left.
        while let exposed = firstExposed(grid, hidden) {
            let ownLines = lines.filter { $0.contains { $0 == exposed } }
            // Once every non-zero entry is hidden nothing is exposed (any cell can be
            // raised by one with its totals), so the second search always finds one.
            guard let choice = nextToHide(among: ownLines.flatMap { $0 }, grid, hidden)
                ?? nextToHide(among: lines.flatMap { $0 }, grid, hidden) else { break }
            hidden[choice.row][choice.column] = true
            hideSecondInLines()
        }
        return hidden
    }

    /// The entry to hide next among these: never a zero (a true zero is shown as 0, so
    /// hiding it protects nothing), a cell before a total (totals are what readers use
    /// most), the smallest (it loses the least), then the first.
    private static func nextToHide(among positions: [Position], _ grid: [[Int]], _ hidden: [[Bool]]) -> Position? {
        let lastRow = grid.count - 1, lastColumn = grid[0].count - 1
        func rank(_ p: Position) -> (Int, Int) {
            (p.row == lastRow || p.column == lastColumn ? 1 : 0, grid[p.row][p.column])
        }
        return positions
            .filter { !hidden[$0.row][$0.column] && grid[$0.row][$0.column] > 0 }
            .min { rank($0) < rank($1) }
    }

    /// The first hidden entry that can be worked out from what is shown, if any.
    ///
    /// A reader knows every line adds up and every hidden entry is at least 1. Another
    /// grid fitting what is shown differs from the true one by changes that keep every
    /// line's sum, and those are made of cycles through the hidden entries, alternately
    /// raising and lowering by one round rows and columns. Raising is always possible,
    /// lowering only from 2 up. So a hidden entry is safe exactly when it lies on such a
    /// cycle that can be moved. (Exact, not a rule of thumb: a table with its totals is a
    /// network-flow matrix, so any other integer solution splits into such cycles.)
    private static func firstExposed(_ grid: [[Int]], _ hidden: [[Bool]]) -> Position? {
        let lastRow = grid.count - 1, lastColumn = grid[0].count - 1
        // Totals enter their lines with the opposite sign to cells, so going round a
        // cycle a row total or a column total moves the other way from a cell.
        func sign(_ p: Position) -> Int { (p.row == lastRow ? -1 : 1) * (p.column == lastColumn ? -1 : 1) }
        // Round a cycle, a step from a row to a column across an entry adds `sign` to it,
        // a step back from a column to a row subtracts `sign`.
        func canStepToColumn(_ p: Position) -> Bool { sign(p) == 1 || grid[p.row][p.column] >= 2 }
        func canStepToRow(_ p: Position) -> Bool { sign(p) == -1 || grid[p.row][p.column] >= 2 }

        // Lines as numbered nodes: row r is r, column c is lastRow + 1 + c. Whether steps
        // across hidden entries other than `skip` lead from one line to the other.
        func reaches(from start: Int, to end: Int, skipping skip: Position) -> Bool {
            var seen: Set = [start]
            var toVisit = [start]
            while let node = toVisit.popLast() {
                if node == end { return true }
                let steps = node <= lastRow
                    ? (0...lastColumn).map { Position(node, $0) }
                        .filter { hidden[$0.row][$0.column] && $0 != skip && canStepToColumn($0) }
                        .map { lastRow + 1 + $0.column }
                    : (0...lastRow).map { Position($0, node - lastRow - 1) }
                        .filter { hidden[$0.row][$0.column] && $0 != skip && canStepToRow($0) }
                        .map(\.row)
                for next in steps where seen.insert(next).inserted {
                    toVisit.append(next)
                }
            }
            return false
        }

        for row in 0...lastRow {
            for column in 0...lastColumn where hidden[row][column] {
                let entry = Position(row, column), columnNode = lastRow + 1 + column
                let movable = (canStepToColumn(entry) && reaches(from: columnNode, to: row, skipping: entry))
                    || (canStepToRow(entry) && reaches(from: row, to: columnNode, skipping: entry))
                if !movable { return entry }
            }
        }
        return nil
    }
}
