import Foundation

/// One cell of a return's grid: a category's total, or its count for one value of one
/// breakdown.
public struct ReturnCellKey: Hashable, Codable, Sendable {
    public var category: AbuseCategory
    public var breakdown: Breakdown

    public init(category: AbuseCategory, breakdown: Breakdown) {
        self.category = category
        self.breakdown = breakdown
    }

    /// Every cell in grid order: the categories in `AbuseCategory.allCases` order, each
    /// with its columns in `Breakdown.all` order.
    public static let all: [ReturnCellKey] = AbuseCategory.allCases.flatMap(cells(of:))

    /// A category's cells in column order.
    public static func cells(of category: AbuseCategory) -> [ReturnCellKey] {
        Breakdown.all.map { ReturnCellKey(category: category, breakdown: $0) }
    }

    /// The cell as a message names it: "22A Female genital mutilation, age 0 to 4".
    public var name: String {
        let column = breakdown.title
        return "\(category.label), \(column.prefix(1).lowercased())\(column.dropFirst())"
    }

    /// The name of the cell's input in the grid form: "cell.22A.age_band:0_4".
    public var fieldName: String { "cell.\(category.rawValue).\(breakdown.key)" }

    /// Reads a `fieldName`, exactly. No category code contains a full stop, so the first
    /// one after "cell." ends the code.
    public init?(fieldName: String) {
        guard fieldName.hasPrefix("cell.") else { return nil }
        let parts = fieldName.dropFirst(5).split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let category = AbuseCategory(rawValue: String(parts[0])),
              let breakdown = Breakdown(key: String(parts[1])) else { return nil }
        self.init(category: category, breakdown: breakdown)
    }
}

/// A category whose total moved so far since the same period last year that the return
/// must explain it in its note.
public struct ReturnJump: Equatable, Sendable {
    public var category: AbuseCategory
    public var lastYear: Int
    public var thisYear: Int

    public init(category: AbuseCategory, lastYear: Int, thisYear: Int) {
        self.category = category
        self.lastYear = lastYear
        self.thisYear = thisYear
    }
}

/// So that reading a count can give a `Result`.
extension FieldProblem: Error {}

/// The rules of a return's figures (DESIGN.md part 6, "validation rules").
///
/// A draft may be saved with anything that reads as a count, even totals that do not add
/// up yet: a data lead fills the grid over days, often the totals before the breakdowns
/// come out of the case system, and refusing the save would lose their work. Submitting
/// needs every rule. Problems come in grid order (`ReturnCellKey.all`), then the note.
///
/// A blank cell means "not given", never 0: a source that does not record a breakdown
/// leaves it blank, and completeness reports count the blanks.
public enum ReturnValidation {
    /// No count may be larger. Far above any partnership's figures (a typing slip such as a
    /// repeated run of digits is caught), and small enough that no sum can overflow.
    public static let largestCount = 1_000_000

    /// How many times larger (or smaller) than last year a total must be to need explaining.
    ///
    /// Three is a judgement, not a statistic: high enough that ordinary movement from one
    /// year to the next passes, low enough to catch a change in how a source records (seed
    /// 004 finding 9 shows how differently sources can count the same abuse), which readers
    /// need explained before they compare figures. `problems` takes another factor.
    public static let jumpFactor = 3

    /// A change of this many or fewer never needs explaining, however large the factor:
    /// 0 to 1 or 1 to 4 is noise. The same bound as `DisclosureControl.threshold`, where
    /// DfE practice treats counts up to 5 as too small to show.
    public static let smallestJump = DisclosureControl.threshold

    // MARK: - Reading counts

    /// Reads what was entered in one cell (a form input or an import field). Blank is not
    /// given (nil). Otherwise a whole number from 0 to `largestCount`, with spaces around it
    /// and thousands separators ("1,200") allowed, as spreadsheets show large counts that way.
    /// Separators must group by three: "1,20" might be a decimal comma, so it is refused.
    public static func count(from text: String, cell: ReturnCellKey) -> Result<Int?, FieldProblem> {
        switch reading(text) {
        case .blank: .success(nil)
        case .count(let value): .success(value)
        case .notWholeNumber: .failure(notWholeNumber(cell))
        case .tooLarge: .failure(tooLarge(cell))
        }
    }

    /// What the text of a cell reads as, before a message names the cell.
    enum Reading: Equatable {
        case blank, count(Int), notWholeNumber, tooLarge
    }

    static func reading(_ text: String) -> Reading {
        let trimmed = text.trimmedWhitespace
        if trimmed.isEmpty { return .blank }
        let groups = trimmed.split(separator: ",", omittingEmptySubsequences: false)
        let wellFormed = groups.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
            && (groups.count == 1 || (groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }))
        guard wellFormed else { return .notWholeNumber }
        // Only digits are left, so a failed Int is a number too large for Int.
        guard let value = Int(groups.joined()), value <= largestCount else { return .tooLarge }
        return .count(value)
    }

    /// Reads a whole grid of entries: the counts given, and a problem for each entry that
    /// does not read, in grid order.
    public static func counts(from entries: [ReturnCellKey: String]) -> (counts: [ReturnCellKey: Int], problems: [FieldProblem]) {
        var counts: [ReturnCellKey: Int] = [:]
        var problems: [FieldProblem] = []
        for cell in ReturnCellKey.all {
            guard let text = entries[cell] else { continue }
            switch count(from: text, cell: cell) {
            case .success(let value): counts[cell] = value
            case .failure(let problem): problems.append(problem)
            }
        }
        return (counts, problems)
    }

    // MARK: - Checking a return

    /// The problems that stop a draft being saved: only counts out of range (which a form
    /// read with `count(from:cell:)` never has, but an API body can).
    public static func problemsForDraft(_ counts: [ReturnCellKey: Int]) -> [FieldProblem] {
        ReturnCellKey.all.compactMap { cell in counts[cell].flatMap { rangeProblem(cell, $0) } }
    }

    /// The problems that stop a return being submitted: counts out of range, no figures at
    /// all, breakdowns that do not add up to their totals, and jumps since the same period
    /// last year (`lastYear`, totals by category) unless the note explains them.
    public static func problems(for counts: [ReturnCellKey: Int], lastYear: [AbuseCategory: Int], note: String,
                                factor: Int = jumpFactor) -> [FieldProblem] {
        guard !counts.isEmpty else {
            return [FieldProblem(field: ReturnCellKey.all[0].fieldName,
                                 message: "Enter at least one figure before submitting the return: enter 0 where there were none")]
        }
        var problems: [FieldProblem] = []
        for category in AbuseCategory.allCases {
            let outOfRange = ReturnCellKey.cells(of: category).compactMap { cell in counts[cell].flatMap { rangeProblem(cell, $0) } }
            // Sums of figures that are themselves wrong would only confuse.
            problems += outOfRange.isEmpty ? breakdownProblems(category, counts) : outOfRange
        }
        if note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems += jumps(in: counts, lastYear: lastYear, factor: factor).map { jump in
                FieldProblem(field: "note", message: "\(jump.category.label) went from \(grouped(jump.lastYear)) in the same period last year to \(grouped(jump.thisYear)). Explain the change in the note, for example a change in how cases are recorded")
            }
        }
        return problems
    }

    /// The categories whose total rose or fell by more than `factor` times, and by more
    /// than `smallestJump`, since last year. Categories without both totals have no jump.
    public static func jumps(in counts: [ReturnCellKey: Int], lastYear: [AbuseCategory: Int],
                             factor: Int = jumpFactor) -> [ReturnJump] {
        AbuseCategory.allCases.compactMap { category in
            guard let now = counts[ReturnCellKey(category: category, breakdown: .total)], (0...largestCount).contains(now),
                  let before = lastYear[category] else { return nil }
            let low = min(now, before), high = max(now, before)
            guard high - low > smallestJump, high > low * factor else { return nil }
            return ReturnJump(category: category, lastYear: before, thisYear: now)
        }
    }

    // MARK: - The rules

    private static func rangeProblem(_ cell: ReturnCellKey, _ value: Int) -> FieldProblem? {
        if value < 0 { return notWholeNumber(cell) }
        if value > largestCount { return tooLarge(cell) }
        return nil
    }

    /// Each dimension given, even in part, must add up to the category's total. Blanks
    /// beside given values count as 0: a data lead who enters 3 for one age band and
    /// nothing for the others means none in the others. With the total blank, one problem
    /// asks for it, giving the first dimension's sum; the others are checked once it is there.
    private static func breakdownProblems(_ category: AbuseCategory, _ counts: [ReturnCellKey: Int]) -> [FieldProblem] {
        let totalCell = ReturnCellKey(category: category, breakdown: .total)
        var problems: [FieldProblem] = []
        for dimension in BreakdownDimension.allCases {
            let given = Breakdown.values(of: dimension).compactMap { counts[ReturnCellKey(category: category, breakdown: $0)] }
            guard !given.isEmpty else { continue }
            let sum = given.reduce(0, +)
            guard let total = counts[totalCell] else {
                return [FieldProblem(field: totalCell.fieldName,
                                     message: "Enter the total for \(category.label); its \(dimension.valuesName) add up to \(grouped(sum))")]
            }
            if sum != total {
                let values = dimension.valuesName
                problems.append(FieldProblem(field: totalCell.fieldName, message: "\(values.prefix(1).uppercased())\(values.dropFirst()) for \(category.label) add up to \(grouped(sum)) but the total is \(grouped(total)). Correct the total or the \(values)."))
            }
        }
        return problems
    }

    private static func notWholeNumber(_ cell: ReturnCellKey) -> FieldProblem {
        FieldProblem(field: cell.fieldName, message: "Enter the number for \(cell.name) as a whole number, 0 or more")
    }

    private static func tooLarge(_ cell: ReturnCellKey) -> FieldProblem {
        FieldProblem(field: cell.fieldName, message: "The number for \(cell.name) must be \(grouped(largestCount)) or less")
    }

    /// 1200 as "1,200", the same on every machine (GOV.UK style, not the server's locale).
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
