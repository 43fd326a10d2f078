import Foundation

/// A linear programme over non-negative variables, solved exactly enough for small integer tables: Conduit checks the protection of published release tables with it.
///
/// The two-phase simplex method on a dense tableau. Phase 1 (finding a feasible point)
/// depends only on the constraints, so it runs once per programme, on the first question
/// asked, and every later `minimum` or `maximum` starts from the point it found: a caller
/// asks for the range of each hidden figure of one table, often thousands of times.
///
/// Meant for data of the size of counts: a pivot, reduced cost or residual within 1e-9 of
/// zero counts as zero, so much smaller coefficients would be lost. The constraint matrix of
/// a two-way table with its totals is totally unimodular, so there every tableau entry stays
/// 0 or ±1 and the optimum is a whole number; linked releases with revisions need not be,
/// and then the optimum is that of the real-valued programme, a range at least as wide as
/// the whole-number one (the attack suite checks the whole-number ranges with an integer
/// solver).
public struct LinearProgram: Sendable {
    /// How a constraint's left side relates to its bound.
    public enum Relation: Sendable { case equal, atLeast, atMost }

    /// Σ coefficient × variable (relation) bound.
    public struct Constraint: Sendable {
        /// Variable index → coefficient; a variable left out has coefficient 0.
        public var coefficients: [Int: Double]
        /// Whether the left side equals, is at least, or is at most the bound.
        public var relation: Relation
        /// The right side; it may be negative.
        public var bound: Double

        /// The constraint Σ coefficients[j] × x[j] (relation) bound.
        public init(_ coefficients: [Int: Double], _ relation: Relation, _ bound: Double) {
            self.coefficients = coefficients
            self.relation = relation
            self.bound = bound
        }
    }

    /// The best value of an objective, or why there is none.
    public enum Optimum: Equatable, Sendable {
        /// The best value, rounded to the nearest integer when within round-off (1e-9, relative) of it.
        case value(Double)
        /// The objective improves without limit.
        case unbounded
        /// No point satisfies every constraint.
        case infeasible
    }

    /// How many variables there are: x[0] up to x[variableCount − 1].
    public var variableCount: Int {
        didSet { start = StartCache() }
    }

    /// The constraints, all of which hold at once.
    public var constraints: [Constraint] {
        didSet { start = StartCache() }
    }

    /// Phase 1's answer, shared by copies of this value until one of them is changed.
    private var start = StartCache()

    /// A programme over variableCount non-negative variables.
    public init(variableCount: Int, constraints: [Constraint]) {
        self.variableCount = variableCount
        self.constraints = constraints
    }

    /// The least value of Σ objective[j] × x[j]. Every variable is ≥ 0 (implicitly).
    public func minimum(of objective: [Int: Double]) -> Optimum {
        guard let tableau = start.tableau(for: self) else { return .infeasible }
        return tableau.minimum(of: checked(objective))
    }

    /// The greatest value of Σ objective[j] × x[j]. Every variable is ≥ 0 (implicitly).
    public func maximum(of objective: [Int: Double]) -> Optimum {
        guard let tableau = start.tableau(for: self) else { return .infeasible }
        switch tableau.minimum(of: checked(objective).mapValues { -$0 }) {
        case .value(let value): return .value(0 - value)
        case let other: return other
        }
    }

    /// The objective, after making sure it names only variables of this programme.
    private func checked(_ objective: [Int: Double]) -> [Int: Double] {
        for (variable, coefficient) in objective {
            precondition((0..<variableCount).contains(variable), "the objective names variable \(variable) of \(variableCount)")
            precondition(coefficient.isFinite, "an objective coefficient must be finite")
        }
        return objective
    }
}

// MARK: - Phase 1

extension LinearProgram {
    /// Below this a pivot or reduced cost counts as zero, and so does phase 1's residual once divided by the bounds' size.
    static let tolerance = 1e-9

    /// Phase 1 run once for a programme, kept for every later objective.
    ///
    /// A class so that a non-mutating `minimum` can fill it in, and so that copies of the
    /// programme share it; a programme that changes gets a new one (`didSet`).
    /// `@unchecked Sendable` because the lock guards the one mutable property.
    private final class StartCache: @unchecked Sendable {
        private let lock = NSLock()
        /// nil until phase 1 has run; then the feasible tableau, or nil inside for "infeasible".
        private var result: Tableau??

        /// The feasible tableau of the programme, or nil when it has no feasible point.
        func tableau(for program: LinearProgram) -> Tableau? {
            // The lock is held through phase 1, so concurrent first questions wait for one
            // answer rather than each working it out.
            lock.lock()
            defer { lock.unlock() }
            if let result { return result }
            let computed = program.feasibleTableau()
            result = .some(computed)
            return computed
        }
    }

    /// Phase 1: a tableau whose basis is a feasible point, with redundant equations
    /// dropped; nil when the constraints contradict each other.
    fileprivate func feasibleTableau() -> Tableau? {
        precondition(variableCount >= 0, "a programme cannot have a negative number of variables")
        let rows = constraints.count
        // One slack (≤) or surplus (≥) column per inequality, after the variables.
        let columns = variableCount + constraints.count { $0.relation != .equal }
        var tableau = Tableau(rows: rows, width: columns + 1)
        var slack = variableCount
        for (row, constraint) in constraints.enumerated() {
            precondition(constraint.bound.isFinite, "a bound must be finite")
            // The simplex method needs every right side ≥ 0; a row with a negative bound is
            // multiplied by −1, which turns ≥ into ≤ and back.
            let sign = constraint.bound < 0 ? -1.0 : 1.0
            for (variable, coefficient) in constraint.coefficients {
                precondition((0..<variableCount).contains(variable), "a constraint names variable \(variable) of \(variableCount)")
                precondition(coefficient.isFinite, "a coefficient must be finite")
                tableau[row, variable] = sign * coefficient
            }
            tableau[row, columns] = sign * constraint.bound
            let relation: Relation = switch (constraint.relation, sign < 0) {
            case (.atLeast, true): .atMost
            case (.atMost, true): .atLeast
            case (let relation, _): relation
            }
            switch relation {
            case .atMost:
                tableau[row, slack] = 1
                tableau.basis[row] = slack
                slack += 1
            case .atLeast:
                tableau[row, slack] = -1
                slack += 1
                tableau.basis[row] = Tableau.artificial(row)
            case .equal:
                tableau.basis[row] = Tableau.artificial(row)
            }
        }

        // A row without a slack to start from gets an artificial variable, kept out of the
        // tableau: it never re-enters once it leaves, so only its place in the basis matters.
        // Phase 1 minimises their sum, the objective row being minus the sum of their rows.
        let objective = rows
        for row in 0..<rows where tableau.basis[row] < 0 {
            for column in 0...columns where tableau[row, column] != 0 {
                tableau[objective, column] -= tableau[row, column]
            }
        }
        guard tableau.basis.contains(where: { $0 < 0 }) else { return tableau }
        // Phase 1 cannot be unbounded: the sum of the artificial variables is never below 0.
        _ = tableau.optimise()
        // Scaled by the bounds, as round-off in the residual grows with them.
        let scale = constraints.reduce(1) { $0 + abs($1.bound) }
        guard -tableau[objective, columns] <= Self.tolerance * scale else { return nil }

        // An artificial variable still in the basis is at 0. Swap it for any column with a
        // non-zero in its row (the pivot moves nothing, the row's right side being 0); a row
        // with none is implied by the others (a table's row totals and column totals both
        // add up to the grand total), so it is dropped.
        var redundant: [Int] = []
        for row in 0..<rows where tableau.basis[row] < 0 {
            tableau[row, columns] = 0
            var best = -1, size = Self.tolerance
            for column in 0..<columns where abs(tableau[row, column]) > size {
                best = column
                size = abs(tableau[row, column])
            }
            if best >= 0 { tableau.pivot(row: row, column: best) } else { redundant.append(row) }
        }
        tableau.remove(rows: redundant)
        return tableau
    }
}

// MARK: - The tableau

/// A simplex tableau in one flat array, row after row: the constraint rows, then the
/// objective row (reduced costs, and minus the objective's value in the last column). The
/// last column holds the right sides, the values of the basic variables.
private struct Tableau {
    var entries: [Double]
    /// Constraint rows, not counting the objective row.
    private(set) var rows: Int
    /// Columns, the right side included.
    let width: Int
    /// The basic column of each row; negative for an artificial variable (`artificial`).
    var basis: [Int]

    /// Entries below this in size after a pivot are round-off, and are set to 0 so that
    /// they neither spread (keeping rows sparse) nor push a right side below 0.
    private static let roundOff = 1e-11
    /// Degenerate pivots in a row after which Bland's rule takes over from Dantzig's.
    private static let stallLimit = 50

    init(rows: Int, width: Int) {
        self.rows = rows
        self.width = width
        entries = Array(repeating: 0, count: (rows + 1) * width)
        basis = Array(repeating: 0, count: rows)
    }

    /// The artificial variable of a row. Negative, so it ranks before every real column when
    /// Bland's rule breaks ties, and leaves the basis as early as it can.
    static func artificial(_ row: Int) -> Int { -1 - row }

    subscript(row: Int, column: Int) -> Double {
        get { entries[row * width + column] }
        set { entries[row * width + column] = newValue }
    }

    /// Phase 2 from this feasible basis.
    func minimum(of objective: [Int: Double]) -> LinearProgram.Optimum {
        var tableau = self
        let row = rows, last = width - 1
        for column in 0..<width { tableau[row, column] = 0 }
        for (column, coefficient) in objective { tableau[row, column] = coefficient }
        // Reduced costs: the objective minus its cost of each basic column times that
        // column's row. A row is 1 in its own basic column and 0 in the others, so each
        // cost can be read off as it is reached.
        for basicRow in 0..<rows {
            let cost = tableau[row, tableau.basis[basicRow]]
            guard cost != 0 else { continue }
            for column in 0...last where tableau[basicRow, column] != 0 {
                tableau[row, column] -= cost * tableau[basicRow, column]
            }
            tableau[row, tableau.basis[basicRow]] = 0
        }
        guard tableau.optimise() else { return .unbounded }
        let value = -tableau[row, last]
        // Callers compare with whole counts; results of integer tables are integers up to
        // round-off.
        let nearest = value.rounded()
        let tidy = abs(value - nearest) <= LinearProgram.tolerance * max(1, abs(value)) ? nearest : value
        return .value(tidy + 0)  // + 0 turns −0 into 0
    }

    /// The simplex method on the objective row until no reduced cost is negative: true at
    /// the optimum, false when a column could enter without limit (unbounded).
    ///
    /// Dantzig's rule (most negative reduced cost) takes few pivots, but can cycle on a
    /// degenerate vertex, as table programmes often have; after `stallLimit` degenerate
    /// pivots in a row Bland's rule (lowest index, entering and leaving) takes over for good,
    /// which cannot cycle, so the loop ends.
    mutating func optimise() -> Bool {
        let rows = rows, width = width, last = width - 1, objective = rows * width
        let tolerance = LinearProgram.tolerance
        var bland = false, degenerate = 0
        var basis = self.basis
        var pivotRow: [Int] = []
        pivotRow.reserveCapacity(width)
        defer { self.basis = basis }
        return entries.withUnsafeMutableBufferPointer { t in
            while true {
                var entering = -1, mostNegative = -tolerance
                for column in 0..<last where t[objective + column] < mostNegative {
                    entering = column
                    if bland { break }
                    mostNegative = t[objective + column]
                }
                guard entering >= 0 else { return true }

                // Ratio test; ties go to the lowest basic index (Bland's rule, harmless
                // under Dantzig's).
                var leaving = -1, best = 0.0
                for row in 0..<rows {
                    let entry = t[row * width + entering]
                    guard entry > tolerance else { continue }
                    let ratio = max(t[row * width + last], 0) / entry
                    if leaving < 0 || ratio < best - tolerance
                        || (ratio <= best + tolerance && basis[row] < basis[leaving]) {
                        leaving = row
                        best = ratio
                    }
                }
                guard leaving >= 0 else { return false }

                if best <= tolerance {
                    degenerate += 1
                    if degenerate >= Self.stallLimit { bland = true }
                } else {
                    degenerate = 0
                }
                Self.pivot(t, rows: rows, width: width, row: leaving, column: entering, pivotRow: &pivotRow)
                basis[leaving] = entering
            }
        }
    }

    /// Makes a column basic in a row.
    mutating func pivot(row: Int, column: Int) {
        let rows = rows, width = width
        var pivotRow: [Int] = []
        entries.withUnsafeMutableBufferPointer { t in
            Self.pivot(t, rows: rows, width: width, row: row, column: column, pivotRow: &pivotRow)
        }
        basis[row] = column
    }

    /// Gauss–Jordan elimination of a column through every other row, the objective row
    /// included. Only the pivot row's non-zero columns are touched (`pivotRow` collects
    /// them), as a table's rows are mostly zeros. O(rows × columns) at worst.
    private static func pivot(_ t: UnsafeMutableBufferPointer<Double>, rows: Int, width: Int,
                              row: Int, column: Int, pivotRow: inout [Int]) {
        let start = row * width
        let scale = 1 / t[start + column]
        pivotRow.removeAll(keepingCapacity: true)
        for k in 0..<width where t[start + k] != 0 {
            t[start + k] *= scale
            pivotRow.append(k)
        }
        t[start + column] = 1
        for other in 0...rows where other != row {
            let base = other * width
            let factor = t[base + column]
            guard factor != 0 else { continue }
            for k in pivotRow {
                let value = t[base + k] - factor * t[start + k]
                t[base + k] = abs(value) < roundOff ? 0 : value
            }
            t[base + column] = 0
        }
    }

    /// Drops constraint rows, keeping the objective row last.
    mutating func remove(rows removed: [Int]) {
        guard !removed.isEmpty else { return }
        let drop = Set(removed)
        var kept = 0
        for row in 0...rows where !drop.contains(row) {
            if kept != row {
                for column in 0..<width { self[kept, column] = self[row, column] }
            }
            if row < rows { basis[kept] = basis[row] }
            kept += 1
        }
        rows -= removed.count
        entries.removeLast(removed.count * width)
        basis.removeLast(removed.count)
    }
}
