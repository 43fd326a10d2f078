import Testing
@testable import ConduitCore

@Suite("Percentages")
struct PercentagesTests {
    /// Seed 003's three tables: counts, and the percentages the report printed.
    static let seedTables: [(name: String, counts: [Int], published: [String])] = [
        ("referral agent", [8, 27, 1, 2, 15, 24, 18, 12, 14, 10, 18, 1, 3, 11, 14],
         ["4.49%", "15.17%", "0.56%", "1.12%", "8.43%", "13.48%", "10.11%", "6.74%", "7.87%", "5.62%",
          "10.11%", "0.56%", "1.69%", "6.18%", "7.87%"]),
        ("ethnicity", [34, 14, 25, 12, 1, 7, 10, 5, 3, 56, 11],
         ["19.10%", "7.87%", "14.04%", "6.74%", "0.56%", "3.93%", "5.62%", "2.81%", "1.69%", "31.46%", "6.18%"]),
        ("gender", [100, 78], ["56.18%", "43.82%"]),
    ]

    @Test("seed 003's tables give the published percentages")
    func seedTables() {
        for table in Self.seedTables {
            // act
            let hundredths = Percentages.hundredths(table.counts)
            // check
            #expect(hundredths.map { Percentages.format(hundredths: $0) } == table.published, "\(table.name)")
            #expect(hundredths.reduce(0, +) == 10_000, "\(table.name)")
            #expect(table.counts.reduce(0, +) == 178)
        }
    }

    @Test("shares add up to 100.00 where rounding each alone would not")
    func largestRemainder() {
        // setup: thirds round to 33.33 each, 99.99 in all
        // act
        let thirds = Percentages.hundredths([1, 1, 1])
        let sixths = Percentages.hundredths([1, 2, 3])
        // check: the missing hundredth goes to the first of the tied shares
        #expect(thirds == [3334, 3333, 3333])
        // 16.666…, 33.333…, 50: the largest remainder (16.666…) rounds up
        #expect(sixths == [1667, 3333, 5000])
    }

    @Test("the missing hundredths go to the largest remainders; ties to the larger count, then the earlier line")
    func ties() {
        // act
        let unequal = Percentages.hundredths([2, 2, 3])
        let equalCounts = Percentages.hundredths([1, 1, 1, 0, 0, 0])
        let equalRemainders = Percentages.hundredths([1, 4, 1])
        // check: 2/7, 2/7, 3/7 round down to 28.57, 28.57, 42.85 (remainders 1, 1, 5 sevenths
        // of a hundredth); the one missing hundredth goes to the largest remainder
        #expect(unequal == [2857, 2857, 4286])
        // equal remainders and equal counts: the earlier line
        #expect(equalCounts == [3334, 3333, 3333, 0, 0, 0])
        // 1/6, 4/6, 1/6 round down to 16.66, 66.66, 16.66, all with remainder 4 sixths;
        // two hundredths missing: the larger count first, then the earlier line
        #expect(equalRemainders == [1667, 6667, 1666])
    }

    @Test("no total, no shares")
    func zeroTotal() {
        // act / check
        #expect(Percentages.hundredths([0, 0, 0]) == [0, 0, 0])
        #expect(Percentages.hundredths([]) == [])
        #expect(Percentages.hundredths([0, 5]) == [0, 10_000])
    }

    @Test("formats hundredths as a percentage with two decimals")
    func format() {
        // act / check
        #expect(Percentages.format(hundredths: 1517) == "15.17%")
        #expect(Percentages.format(hundredths: 1910) == "19.10%")
        #expect(Percentages.format(hundredths: 56) == "0.56%")
        #expect(Percentages.format(hundredths: 5) == "0.05%")
        #expect(Percentages.format(hundredths: 0) == "0.00%")
        #expect(Percentages.format(hundredths: 10_000) == "100.00%")
    }

    @Test("property: shares add up to 100.00 and each is within a hundredth of the exact share")
    func property() {
        // setup
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...15, using: &generator)
            let counts = (0..<length).map { _ in
                Bool.random(using: &generator) ? Int.random(in: 0...5, using: &generator) : Int.random(in: 0...500, using: &generator)
            }
            // act
            let shares = Percentages.hundredths(counts)
            // check
            let total = counts.reduce(0, +)
            #expect(shares.count == counts.count)
            #expect(shares.reduce(0, +) == (total > 0 ? 10_000 : 0), "\(counts)")
            for (count, share) in zip(counts, shares) where total > 0 {
                // |share − count × 10000 / total| < 1, in integers
                #expect(abs(share * total - count * 10_000) < total, "\(counts)")
            }
        }
    }
}
