/// Shares of a total to two decimals that add up to exactly 100.00 (largest remainder method).
///
/// Seed 003's report shows each group as "15.17% (27)" and its shares add up to 100.00%;
/// rounding each share on its own can give 99.99% or 100.01%, which readers take for an
/// error. Integer arithmetic throughout, so the result never depends on floating point.
public enum Percentages {
    /// Hundredths of a percent per count (e.g. 1517 for 15.17%); all zero when the total is zero. Ties broken by the larger count, then the earlier position.
    public static func hundredths(_ counts: [Int]) -> [Int] {
        precondition(counts.allSatisfy { $0 >= 0 }, "a count cannot be negative")
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        var shares = counts.map { $0 * 10_000 / total }
        let remainders = counts.map { $0 * 10_000 % total }
        // Each share was rounded down; the hundredths still missing go to the shares
        // that lost the most in rounding.
        let missing = 10_000 - shares.reduce(0, +)
        let order = counts.indices.sorted { a, b in
            if remainders[a] != remainders[b] { return remainders[a] > remainders[b] }
            if counts[a] != counts[b] { return counts[a] > counts[b] }
            return a < b
        }
        for index in order.prefix(missing) {
            shares[index] += 1
        }
        return shares
    }

    /// "15.17%".
    public static func format(hundredths: Int) -> String {
        // Built by hand rather than with a NumberFormatter so that the text never depends
        // on the server's locale.
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }
}
