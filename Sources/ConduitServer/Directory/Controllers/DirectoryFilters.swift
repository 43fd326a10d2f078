import ConduitCore
import Foundation
import Vapor

/// The directory's filters by their query-parameter names, read and written in one place: the
/// search page, its CSV export and the API read them; links and the filter form write them.
extension DirectorySearch.Filters {
    /// The filters' names in the query string, which the filter form uses too.
    enum Name: String {
        case text = "q", type, faith, language, community, partnership, status, gap, notContacted = "not-contacted"
    }

    /// The filters a page or the API was asked for; one it cannot read is left out.
    init(query req: Request) {
        self.init()
        func value(_ name: Name) -> String { req.queryText(name.rawValue) }
        text = value(.text)
        type = GroupType(rawValue: value(.type))
        faith = Faith(rawValue: value(.faith))
        language = value(.language)
        community = value(.community)
        partnershipID = UUID(uuidString: value(.partnership))
        status = GroupStatus(rawValue: value(.status))
        anyGap = value(.gap) == "any"
        gap = ReadinessItem(rawValue: value(.gap))
        notContactedMonths = Int(value(.notContacted)).flatMap { (1...120).contains($0) ? $0 : nil }
    }
    /// The query string that reproduces the filters, for links to other pages.
    var query: [(String, String)] {
        let values: [(Name, String)] = [(.text, text), (.type, type?.rawValue ?? ""), (.faith, faith?.rawValue ?? ""), (.language, language),
                                        (.community, community), (.partnership, partnershipID?.uuidString.lowercased() ?? ""), (.status, status?.rawValue ?? ""),
                                        (.gap, anyGap ? "any" : gap?.rawValue ?? ""), (.notContacted, notContactedMonths.map(String.init) ?? "")]
        return values.map { ($0.rawValue, $1) }
    }

    /// The pages ignore a filter they cannot read; the API says so.
    static func problems(in req: Request) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func check<T: RawRepresentable & CaseIterable>(_ name: String, _: T.Type, also extra: [String] = []) where T.RawValue == String {
            let value = req.queryText(name)
            if !value.isEmpty && T(rawValue: value) == nil && !extra.contains(value) {
                problems.append(.init(field: name, message: "\(name) must be one of: " + (T.allCases.map(\.rawValue) + extra).joined(separator: ", ")))
            }
        }
        check(Name.type.rawValue, GroupType.self)
        check(Name.faith.rawValue, Faith.self)
        check(Name.status.rawValue, GroupStatus.self)
        check(Name.gap.rawValue, ReadinessItem.self, also: ["any"])
        problems += req.partnershipQueryProblems()
        let months = req.queryText(Name.notContacted.rawValue)
        if !months.isEmpty && !(Int(months).map((1...120).contains) ?? false) {
            problems.append(.init(field: "not-contacted", message: "not-contacted must be a whole number from 1 to 120"))
        }
        return problems + Pagination.queryProblems(in: req)
    }
}

extension DirectorySearch.Scope {
    /// What the person searches: the directory of their partnerships, and the engagement they
    /// may see (for "not contacted for").
    init(for req: Request) throws {
        let visitor = try req.signedIn
        self.init(directory: visitor.scope(.readDirectory), engagement: visitor.scope(.readEngagement), today: req.today)
    }
}
