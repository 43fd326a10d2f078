import ConduitCore
import Fluent
import Foundation
import SQLKit

/// Demo returns: the eight partnerships, twelve quarters up to the last one ended, five
/// sources, with small counts (mostly 0 to 10), police figures on honour-based abuse well
/// above the local authorities' (seed 004 finding 9), some late returns, and the last
/// quarter still coming in: some missing, some waiting for approval, Camden's police a draft.
enum ReturnsDemo {
    /// Children aged 0 to 17 per partnership: round demo figures of the right size, not official estimates.
    static let children: [String: Int] = [
        "brent": 76_000, "camden": 42_000, "enfield": 83_000, "hackney": 60_000, "haringey": 55_000,
        "islington": 38_000, "newham": 92_000, "southwark": 61_000,
    ]

    /// How many children a source typically records per quarter in a category, before chance.
    static func typical(_ category: AbuseCategory, _ source: ReturnSource) -> Int {
        switch (category, source) {
        case (.honourBasedAbuse, .police): 7
        case (.honourBasedAbuse, _): 1
        case (.domesticAbuseChild, .localAuthority), (.domesticAbuseParent, .localAuthority), (.domesticAbuseParent, .police): 9
        case (.domesticAbuseOther, _), (.domesticAbuseChild, _), (.domesticAbuseParent, _): 4
        case (.childSexualExploitation, .localAuthority), (.childCriminalExploitation, .localAuthority), (.childCriminalExploitation, .police): 5
        case (.femaleGenitalMutilation, .health): 5
        case (_, .community): 0
        default: 2
        }
    }

    static func load(on db: any Database, today: CalendarDate) async throws {
        guard let coordinator = try await User.query(on: db).filter(\.$email == "coordinator@conduit.example").first() else { return }
        let partnerships = try await Partnership.query(on: db).filter(\.$kind == .partnership).sort(\.$name).all()
        let sql = db as! any SQLDatabase
        var random = DirectoryDemo.Generator(state: 2006_04)
        let last = ReportingPeriod.quarter(containing: today).previous
        let quarters = ReportingPeriod.quarters(from: last.advanced(by: -11), through: last)
        for partnership in partnerships {
            let id = try partnership.requireID()
            try await sql.insert(into: ReturnTables.populations).columns("partnership_id", "year", "children", "source")
                .values(SQLBind(id), SQLBind(last.startYear), SQLBind(children[partnership.code] ?? 50_000), SQLBind("Demo figures, not official estimates")).run()
            for quarter in quarters {
                for source in ReturnSource.allCases {
                    let isLast = quarter == last
                    // The last quarter is still coming in; community figures only from some partnerships.
                    if isLast && random.chance(12) { continue }
                    if source == .community && random.chance(50) { continue }
                    let camdenPolice = isLast && partnership.code == "camden" && source == .police
                    let status: ReturnStatus = camdenPolice ? .draft : isLast ? random.pick([.approved, .approved, .approved, .submitted, .draft]) : .approved
                    let deadline = quarter.defaultDeadline
                    let submittedOn = status == .draft ? nil : deadline.adding(days: random.chance(15) ? random.int(1...40) : -random.int(0...25))
                    let ret = Return()
                    ret.version = 1
                    ret.periodKey = quarter.key
                    ret.source = source.rawValue
                    ret.status = status.rawValue
                    ret.note = ""
                    ret.comment = ""
                    ret.firstSubmittedOn = submittedOn.map { min($0, today).description }
                    ret.submittedAt = submittedOn.map { min($0, today).start(in: Formats.ukTimeZone) }
                    ret.approvedAt = status == .approved ? ret.submittedAt : nil
                    ret.$approvedBy.id = status == .approved ? coordinator.id : nil
                    ret.$partnership.id = id
                    try await ret.save(on: db)
                    try await ReturnStore.save(ret, cells: cells(source, random: &random), expectedVersion: 1, on: db)
                }
            }
        }
    }

    /// The releases a public reader finds: the previous financial year, then this year's
    /// first quarter (published once, and revised when a late return was approved and a
    /// count corrected) and the year to date at each later ended quarter. Each is published
    /// some weeks after its last quarter ends, as the returns come in.
    static func loadReleases(on db: any Database, today: CalendarDate) async throws {
        guard let coordinator = try await User.query(on: db).filter(\.$email == "coordinator@conduit.example").first() else { return }
        let last = ReportingPeriod.quarter(containing: today).previous
        func day(_ date: CalendarDate) -> Date { min(date, today).start(in: Formats.ukTimeZone).addingTimeInterval(10 * 3600) }
        func publish(_ quarters: [ReportingPeriod], on date: CalendarDate, approved: [ReleaseCell: Int]? = nil, note: String = "",
                     revises: Release? = nil, reason: String = "") async throws -> Release {
            let outcome = try await ReleaseStore.publish(quarters: quarters, approved: approved, note: note, nextReleaseOn: quarters.last!.next.end.adding(days: 50),
                                                         revises: revises?.id, reason: reason, by: coordinator.requireID(), at: day(date), on: db)
            guard case .published(let id) = outcome, let release = try await Release.find(id, on: db) else {
                throw DemoError.unprotected(Release.title(quarters: quarters))
            }
            return release
        }

        let previousYear = ReportingPeriod.year(startYear: last.startYear - 1)
        _ = try await publish(previousYear.quarters, on: previousYear.end.adding(days: 50),
                              note: "The figures of the whole financial year \(previousYear.label), from every return approved by publication.")
        let thisYear = ReportingPeriod.quarters(from: last.year.quarters[0], through: last)
        let first = thisYear[0]
        // The first release of Q1 came before one police return was approved, and with one
        // local authority count entered wrongly; the revision puts both right.
        var early = try await ReleaseStore.approvedCounts(quarters: [first], on: db as! any SQLDatabase)
        let partnerships = try await Partnership.query(on: db).filter(\.$kind == .partnership).sort(\.$name).all()
        let late = partnerships.first { $0.code == "newham" } ?? partnerships[0]
        let corrected = partnerships.first { $0.code == "hackney" } ?? partnerships[0]
        early = early.filter { !($0.key.partnershipID == late.id && $0.key.source == .police) }
        let wrong = ReleaseCell(source: .localAuthority, category: .femaleGenitalMutilation, partnershipID: corrected.id, quarter: first)
        early[wrong] = (early[wrong] ?? 0) + 4
        let original = try await publish([first], on: first.end.adding(days: 50), approved: early)
        // The reason names what changed, never a figure: the corrected one may be hidden.
        _ = try await publish([first], on: first.end.adding(days: 71), revises: original,
                              reason: "\(late.name)'s police return for \(first.label), approved after the first release, is now included, and \(corrected.name)'s children's social care corrected its count of female genital mutilation.")
        for quarter in thisYear.dropFirst() {
            _ = try await publish(Array(thisYear.prefix { $0 <= quarter }), on: quarter.end.adding(days: 50),
                                  note: quarter == last ? "Some returns for \(quarter.label) were not yet approved at publication: they appear in the next release." : "")
        }
    }

    enum DemoError: Error, CustomStringConvertible {
        case unprotected(String)
        var description: String {
            switch self {
            case .unprotected(let title): "the demo release of \(title) could not be protected"
            }
        }
    }

    /// Every category's total, split by sex and age band so the breakdowns add up.
    static func cells(_ source: ReturnSource, random: inout DirectoryDemo.Generator) -> [ReturnCellKey: Int] {
        var cells: [ReturnCellKey: Int] = [:]
        for category in AbuseCategory.allCases {
            let typical = typical(category, source)
            // Mostly near the typical figure, now and then a larger one.
            let total = random.chance(4) ? typical * 3 + random.int(0...6) : max(0, typical + random.int(-2...3))
            cells[ReturnCellKey(category: category, breakdown: .total)] = total
            guard source == .localAuthority || source == .police else { continue }
            let female = category == .femaleGenitalMutilation || category == .forcedMarriage ? total : random.int(0...total)
            cells[ReturnCellKey(category: category, breakdown: .sex(.female))] = female
            cells[ReturnCellKey(category: category, breakdown: .sex(.male))] = total - female
            cells[ReturnCellKey(category: category, breakdown: .sex(.notKnown))] = 0
            // Older children more often: split from the 16–17 band down, the rest to 0–4.
            var left = total
            for band in [ReturnAgeBand.from16To17, .from10To15, .from5To9] {
                let count = random.int(0...left)
                cells[ReturnCellKey(category: category, breakdown: .ageBand(band))] = count
                left -= count
            }
            cells[ReturnCellKey(category: category, breakdown: .ageBand(.from0To4))] = left
            cells[ReturnCellKey(category: category, breakdown: .ageBand(.notKnown))] = 0
        }
        return cells
    }
}
