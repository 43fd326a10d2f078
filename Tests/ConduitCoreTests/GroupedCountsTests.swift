import Testing
@testable import ConduitCore

@Suite("Grouped counts")
struct GroupedCountsTests {
    /// Seed 003's gender table.
    static let gender: [(key: String, label: String, count: Int)] = [
        (key: "female", label: "Female", count: 100), (key: "male", label: "Male", count: 78),
    ]

    /// Seed 003's referral agent table.
    static let referrers: [(key: String, label: String, count: Int)] = [
        ("ar-rahman", "Ar-Rahman Mosque", 8), ("bengali-womens-forum", "Bengali Women's Forum", 27),
        ("british-somali", "British Somali Community", 1), ("camden-bme", "Camden BME Alliance", 2),
        ("east-african", "East African Society", 15), ("eritrean", "Eritrean Cultural Support Group", 24),
        ("islington-islamic", "Islington Islamic Centre", 18),
        ("ivorian", "Ivorian & French Speaking African Women Action Gro", 12),
        ("kosovo-islamic", "Kosovo Islamic Centre", 14), ("kurdish", "Kurdish Community Association", 10),
        ("nw-islamic", "North West Islamic Cultural Centre", 18), ("somali-elderly", "Somali Elderly & Disable People", 1),
        ("soohan", "Soohan community group", 3), ("sudan-women", "Sudan Womens' Association", 11),
        ("victory-chapel", "Victory Chapel", 14),
    ].map { (key: $0.0, label: $0.1, count: $0.2) }

    @Test("reproduces seed 003's report inside the partnership, unsuppressed")
    func seedReport() {
        // act
        let genderReport = GroupedCounts.report(Self.gender, suppress: false)
        let referrerReport = GroupedCounts.report(Self.referrers, suppress: false)
        // check: the figures as the report printed them, "56.18% (100)"
        #expect(genderReport.lines.map { "\($0.label) \($0.percentage ?? "-") (\($0.count.text))" }
            == ["Female 56.18% (100)", "Male 43.82% (78)"])
        #expect(genderReport.total == .count(178))
        #expect(genderReport.suppressed == false)
        #expect(referrerReport.lines.map { $0.percentage ?? "-" }
            == ["4.49%", "15.17%", "0.56%", "1.12%", "8.43%", "13.48%", "10.11%", "6.74%", "7.87%", "5.62%",
                "10.11%", "0.56%", "1.69%", "6.18%", "7.87%"])
        #expect(referrerReport.lines.map(\.key) == Self.referrers.map(\.key))
        #expect(referrerReport.total.text == "178")
    }

    @Test("published outside the partnership, the small lines and their shares are hidden")
    func suppressedReport() {
        // act
        let report = GroupedCounts.report(Self.referrers, suppress: true)
        // check
        let hidden = report.lines.filter { $0.count == .suppressed }
        #expect(hidden.map(\.label) == ["British Somali Community", "Camden BME Alliance",
                                        "Somali Elderly & Disable People", "Soohan community group"])
        #expect(hidden.allSatisfy { $0.percentage == nil })
        #expect(report.lines[1].count == .count(27))
        #expect(report.lines[1].percentage == "15.17%")
        #expect(report.total == .count(178))
        #expect(report.suppressed)
    }

    @Test("a hidden total hides every share, which would otherwise give it away")
    func suppressedTotal() {
        // setup
        let rows = [(key: "female", label: "Female", count: 3), (key: "male", label: "Male", count: 0)]
        // act
        let report = GroupedCounts.report(rows, suppress: true)
        // check
        #expect(report.lines.map(\.count.text) == ["c", "0"])
        #expect(report.lines.allSatisfy { $0.percentage == nil })
        #expect(report.total.text == "c")
        #expect(report.suppressed)
    }

    @Test("nothing small: suppression changes nothing and says so")
    func nothingSmall() {
        // act
        let report = GroupedCounts.report(Self.gender, suppress: true)
        // check
        #expect(report == GroupedCounts.report(Self.gender, suppress: false))
        #expect(report.suppressed == false)
    }

    @Test("no participants: zeros and no shares")
    func empty() {
        // setup
        let rows = [(key: "female", label: "Female", count: 0), (key: "male", label: "Male", count: 0)]
        // act
        let report = GroupedCounts.report(rows, suppress: true)
        // check
        #expect(report.lines.map(\.count.text) == ["0", "0"])
        #expect(report.lines.allSatisfy { $0.percentage == nil })
        #expect(report.total == .count(0))
        #expect(report.suppressed == false)
    }
}
