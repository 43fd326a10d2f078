/// One published figure of a set of linked tables: the sum of some base counts ("units"),
/// such as one partnership's figure for one quarter. Two figures that count the same unit
/// are linked, whichever table or release they appear in.
public struct LinkedFigure: Hashable, Sendable {
    /// The base counts this figure adds up, each once.
    public var units: [Int]
    /// Its true value.
    public var value: Int

    public init(units: [Int], value: Int) {
        precondition(value >= 0, "a count cannot be negative")
        self.units = units
        self.value = value
    }
}

/// The smallest and largest value a hidden figure can have, given everything published.
public struct FeasibleRange: Equatable, Sendable {
    public var lower: Int
    /// Nil when nothing published bounds it from above.
    public var upper: Int?

    public init(lower: Int, upper: Int?) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether the range spans at least `width` (an unbounded one always does).
    public func spans(_ width: Int) -> Bool {
        upper.map { $0 - lower >= width } ?? true
    }
}

/// Secondary suppression chosen across every table of a release and the earlier releases it
/// overlaps (issue 14; DESIGN.md "Disclosure control"), so that nothing published, taken
/// together, gives a hidden figure away.
///
/// A reader of the published figures knows every shown figure, that every hidden one is at
/// least 1 (true zeros are shown as 0) and which units each figure adds up. The smallest and
/// largest value of a hidden figure consistent with that is a linear programme; a figure is
/// protected when that range spans at least `protectionRange`, the protection interval of
/// tau-Argus and sdcTable.
///
/// The hidden figures are chosen by audit and repair, as sdcTable's heuristic methods do:
/// primary suppression of 1 to 5, then, while a hidden figure's range is too narrow, hide one
/// more of the figures in a line with it: of the cheapest few, the first that protects it,
/// else the one that widens its range most. The cost is the figure's value (tau-Argus's default: hide as little as
/// possible) times a random factor from 1 to 2, so the choice does not follow the values
/// alone: "a hidden secondary is the smallest figure of its line" was how the old per-table
/// suppression gave hidden figures away.
public enum LinkedSuppression {
    /// Every hidden figure's feasible range spans at least this much.
    public static let protectionRange = 5

    /// How many of the cheapest linked figures are tried for each repair.
    static let candidatesTried = 8

    /// Which figures to hide. `decided` holds, for each figure, whether it is already
    /// published hidden or shown (an earlier release, which cannot change) or nil for one to
    /// decide now. `unprotected` lists the hidden figures whose range stays too narrow even
    /// with everything open to decide hidden: the caller must not publish those figures.
    ///
    /// `wider` lists figures whose range must span one more: a reader who knows a hidden
    /// figure differs from a published value (a revised figure, marked so) can rule that
    /// value out, and it may be an end of the range.
    public static func protect(_ figures: [LinkedFigure], decided: [Bool?], wider: Set<Int> = [],
                               using generator: inout some RandomNumberGenerator) -> (hidden: [Bool], unprotected: [Int]) {
        precondition(figures.count == decided.count, "one decision per figure")
        func required(_ index: Int) -> Int { protectionRange + (wider.contains(index) ? 1 : 0) }
        // Primary suppression (DfE practice): 1 to 5 are never shown.
        var hidden = zip(figures, decided).map { figure, decided in
            decided ?? (1...DisclosureControl.threshold).contains(figure.value)
        }
        let cost = figures.map { Double($0.value) * Double.random(in: 1..<2, using: &generator) }
        let byUnit = Dictionary(grouping: figures.indices.flatMap { index in figures[index].units.map { ($0, index) } }, by: \.0)
            .mapValues { $0.map(\.1) }
        func linked(to index: Int) -> Set<Int> {
            Set(figures[index].units.flatMap { byUnit[$0] ?? [] })
        }

        // Hiding a figure only loosens what a reader knows (its value becomes "at least 1"),
        // so a range never narrows as more is hidden: a figure found protected stays so.
        var settled = Set<Int>(), unprotected: [Int] = [], revealed = Set<Int>()
        var audit = Audit(figures, hidden: hidden)
        while let index = hidden.indices.first(where: { hidden[$0] && !settled.contains($0) }) {
            let range = audit.range(of: index)
            if range.spans(required(index)) {
                settled.insert(index)
                continue
            }
            // A figure of this release that the others already give away exactly (the same
            // London total in an earlier release, say) protects nothing by being hidden, and
            // showing it tells a reader nothing new, so it is shown. Never a count from 1 to 5.
            if decided[index] == nil && figures[index].value > DisclosureControl.threshold
                && range.lower == figures[index].value && range.upper == figures[index].value {
                hidden[index] = false
                revealed.insert(index)
                audit = Audit(figures, hidden: hidden)
                continue
            }
            func open(_ indices: Set<Int>) -> [Int] {
                indices.filter { decided[$0] == nil && !hidden[$0] && !revealed.contains($0) && figures[$0].value > 0 }.sorted { cost[$0] < cost[$1] }
            }
            // The figures in a line with it first (sharing a unit with a figure it shares one
            // with: the other cells of its row, the totals it adds up to), then any.
            var candidates = open(Set(linked(to: index).flatMap(linked(to:))))
            if candidates.isEmpty { candidates = open(Set(figures.indices)) }
            guard !candidates.isEmpty else {
                settled.insert(index)
                unprotected.append(index)
                continue
            }
            var best: (index: Int, range: FeasibleRange)?
            for candidate in candidates.prefix(candidatesTried) {
                var trial = hidden
                trial[candidate] = true
                var trialAudit = Audit(figures, hidden: trial)
                let range = trialAudit.range(of: index)
                if range.spans(required(index)) {
                    best = (candidate, range)
                    break
                }
                if best.map({ isWider(range, than: $0.range) }) ?? true { best = (candidate, range) }
            }
            hidden[best!.index] = true
            audit = Audit(figures, hidden: hidden)
        }
        return (hidden, unprotected)
    }

    /// The feasible range of every hidden figure, by its index.
    public static func ranges(_ figures: [LinkedFigure], hidden: [Bool]) -> [Int: FeasibleRange] {
        var audit = Audit(figures, hidden: hidden)
        return Dictionary(uniqueKeysWithValues: hidden.indices.filter { hidden[$0] }.map { ($0, audit.range(of: $0)) })
    }

    private static func isWider(_ a: FeasibleRange, than b: FeasibleRange) -> Bool {
        switch (a.upper, b.upper) {
        case (nil, _): b.upper != nil
        case (_, nil): false
        case (let x?, let y?): x - a.lower > y - b.lower
        }
    }

    /// What a reader can deduce from the shown figures: the units they pin down exactly, and
    /// for the rest a linear programme per group of units linked by some figure.
    struct Audit {
        let figures: [LinkedFigure]
        let hidden: [Bool]
        /// Units whose value follows from shown figures alone.
        private(set) var known: [Int: Int] = [:]
        /// The group of linked unknown units each unknown unit belongs to.
        private var group: [Int: Int] = [:]
        private var programmes: [Int: (program: LinearProgram, variable: [Int: Int])] = [:]

        init(_ figures: [LinkedFigure], hidden: [Bool]) {
            self.figures = figures
            self.hidden = hidden
            // A shown figure with one unit left unknown gives it away; so does a shown 0,
            // every unit of it. Repeat, as each unit found may leave another figure with one.
            var changed = true
            while changed {
                changed = false
                for (figure, isHidden) in zip(figures, hidden) where !isHidden {
                    let unknown = Set(figure.units).filter { known[$0] == nil }
                    guard !unknown.isEmpty else { continue }
                    let rest = figure.value - figure.units.reduce(0) { $0 + (known[$1] ?? 0) }
                    if unknown.count == 1 || rest == 0 {
                        for unit in unknown { known[unit] = unknown.count == 1 ? rest : 0 }
                        changed = true
                    }
                }
            }
            // Union-find over the unknown units: each figure ties its unknown units together.
            var parent: [Int: Int] = [:]
            func root(_ unit: Int) -> Int {
                var unit = unit
                while let up = parent[unit], up != unit { unit = up }
                return unit
            }
            for figure in figures {
                let unknown = figure.units.filter { known[$0] == nil }
                for unit in unknown where parent[unit] == nil { parent[unit] = unit }
                for unit in unknown.dropFirst() { parent[root(unit)] = root(unknown[0]) }
            }
            for unit in parent.keys { group[unit] = root(unit) }
        }

        /// The range of one hidden figure.
        mutating func range(of index: Int) -> FeasibleRange {
            let figure = figures[index]
            let knownPart = figure.units.reduce(0) { $0 + (known[$1] ?? 0) }
            guard let first = figure.units.first(where: { known[$0] == nil }), let key = group[first] else {
                return FeasibleRange(lower: knownPart, upper: knownPart)
            }
            let (program, variable) = programme(for: key)
            let objective = Dictionary(figure.units.compactMap { variable[$0].map { ($0, 1.0) } }, uniquingKeysWith: +)
            // The published figures are true ones, so the programme is always feasible; the
            // rounding takes the integer values inside the programme's real-valued bounds.
            // True figures always fit together; were the programme ever to say otherwise, the
            // figure counts as given away, so the release is refused rather than published.
            guard case .value(let low) = program.minimum(of: objective), low.isFinite else {
                return FeasibleRange(lower: figure.value, upper: figure.value)
            }
            let lower = knownPart + Int((low - 1e-6).rounded(.up))
            switch program.maximum(of: objective) {
            case .unbounded:
                return FeasibleRange(lower: max(lower, 1), upper: nil)
            case .value(let high) where high.isFinite:
                return FeasibleRange(lower: max(lower, 1), upper: knownPart + Int((high + 1e-6).rounded(.down)))
            default:
                return FeasibleRange(lower: figure.value, upper: figure.value)
            }
        }

        /// The programme of one group of linked unknown units: shown figures as equations,
        /// hidden ones as "at least 1".
        private mutating func programme(for key: Int) -> (LinearProgram, [Int: Int]) {
            if let built = programmes[key] { return built }
            let units = group.filter { $0.value == key }.keys.sorted()
            let variable = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1, $0) })
            var constraints: [LinearProgram.Constraint] = []
            for (figure, isHidden) in zip(figures, hidden) {
                let unknown = figure.units.filter { variable[$0] != nil }
                guard !unknown.isEmpty else { continue }
                let rest = Double(figure.value - figure.units.reduce(0) { $0 + (known[$1] ?? 0) })
                let terms = Dictionary(unknown.map { (variable[$0]!, 1.0) }, uniquingKeysWith: +)
                if isHidden {
                    let atLeast = 1 - Double(figure.units.reduce(0) { $0 + (known[$1] ?? 0) })
                    if atLeast > 0 { constraints.append(.init(terms, .atLeast, atLeast)) }
                } else {
                    constraints.append(.init(terms, .equal, rest))
                }
            }
            let built = (LinearProgram(variableCount: units.count, constraints: constraints), variable)
            programmes[key] = built
            return built
        }
    }
}
