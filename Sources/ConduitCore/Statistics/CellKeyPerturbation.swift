/// A count with the sum of its records' keys: what a cell of an adjusted table is made from.
/// Counts and key sums add up, so a total is a cell like any other.
public struct KeyedCount: Equatable, Hashable, Sendable {
    public var count: Int
    /// The sum of the permanent random keys (0 to 255) of the records counted.
    public var keySum: Int

    public init(count: Int, keySum: Int) {
        precondition(count >= 0 && keySum >= 0, "a count and a key sum cannot be negative")
        self.count = count
        self.keySum = keySum
    }

    public static let zero = KeyedCount(count: 0, keySum: 0)

    public static func + (a: KeyedCount, b: KeyedCount) -> KeyedCount {
        KeyedCount(count: a.count + b.count, keySum: a.keySum + b.keySum)
    }
}

/// Cell key perturbation (issue 14; DESIGN.md "Disclosure control"), the method of the
/// Australian Bureau of Statistics' TableBuilder and of ONS's Census 2021 flexible tables:
/// every counted record carries a permanent random key from 0 to 255; a cell's key is the sum
/// of its records' keys modulo 256; a fixed table maps the count and the cell key to a small
/// adjustment. The same records always give the same figure, whatever the query, so the
/// difference of two overlapping tables is noise, not a hidden count.
///
/// The table, and why (docs/disclosure-control.md has the whole argument): for a count of 3
/// or more, 102 of the 256 keys leave it as it is, 51 add 1, 51 take 1 away, 26 add 2 and 26
/// take 2 away: unbiased, never more than 2 away, and a difference of two figures is exact
/// only when both adjustments happen to be equal, which is about 26% of the time
/// (102² + 2 × 51² + 2 × 26² out of 256²). ONS's census table left about 86% of cells
/// unchanged, which lets most differences of large totals through exactly.
public enum CellKeyPerturbation {
    /// Record keys run from 0 to this minus one.
    public static let keySpace = 256

    /// The adjustment of each key for a count of 3 or more, before it is turned by the count.
    static let adjustments: [Int] = {
        let spread = [(-2, 26), (-1, 51), (0, 102), (1, 51), (2, 26)]
        return spread.flatMap { Array(repeating: $0.0, count: $0.1) }
    }()

    /// The adjustment of a cell of `count` records whose keys add up to `keySum`.
    ///
    /// Zeros stay 0: a true zero says no record exists, which discloses nobody, and a zero
    /// made up would be read as one (ABS TableBuilder keeps zeros too). Counts of 1 and 2 stay
    /// as they are: they are shown as c in any case, and a smaller count cannot go below 1.
    /// The key is turned by the count, so that cells of different sizes with the same key do
    /// not move together.
    public static func adjustment(count: Int, keySum: Int) -> Int {
        guard count >= 3 else { return 0 }
        return adjustments[(keySum + 37 * count) % keySpace]
    }

    /// The figure as published: the adjusted count, with 1 to 5 shown as c as everywhere.
    public static func cell(_ keyed: KeyedCount) -> Cell {
        let adjusted = keyed.count + adjustment(count: keyed.count, keySum: keyed.keySum)
        return (1...DisclosureControl.threshold).contains(adjusted) ? .suppressed : .count(adjusted)
    }

    /// A one-way table: every cell and the total adjusted on its own.
    public static func adjust(_ line: [KeyedCount]) -> (cells: [Cell], total: Cell) {
        (line.map(cell), cell(line.reduce(.zero, +)))
    }

    /// A two-way table: every cell, row total, column total and the grand total adjusted on
    /// its own, so totals may differ from the sum of their rows.
    public static func adjust(table: [[KeyedCount]]) -> SuppressedTable {
        let columns = table.first?.count ?? 0
        precondition(table.allSatisfy { $0.count == columns }, "every row needs the same number of cells")
        let rowTotals = table.map { $0.reduce(.zero, +) }
        let columnTotals = (0..<columns).map { column in table.reduce(.zero) { $0 + $1[column] } }
        return SuppressedTable(cells: table.map { $0.map(cell) }, rowTotals: rowTotals.map(cell), columnTotals: columnTotals.map(cell),
                               total: cell(rowTotals.reduce(.zero, +)))
    }
}
