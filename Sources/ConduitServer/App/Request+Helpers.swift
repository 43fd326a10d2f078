import ConduitCore
import Foundation
import SQLKit
import Vapor

// What every handler reads from a request: form fields, query parameters, the page asked
// for. The API reads the same names strictly (a value it cannot use is a problem), the
// pages leniently (they show what they can and say what they ignored).

extension Request {
    /// A text field of a submitted form; missing is empty.
    func formText(_ name: String) -> String {
        (try? content.get(String.self, at: name)) ?? ""
    }

    /// The values of a set of checkboxes (`name[]`).
    func formList(_ name: String) -> [String] {
        (try? content.get([String].self, at: name)) ?? []
    }

    /// The choice a query parameter names: nil when it is absent, and a problem when it names
    /// none, so a report is never run on a guess in place of what was asked (issue 13).
    func queryChoice<T>(_ name: String, _ parse: (String) -> T?, message: String, problems: inout [FieldProblem]) -> T? {
        let text = queryText(name)
        guard !text.isEmpty else { return nil }
        guard let value = parse(text) else {
            problems.append(.init(field: name, message: message))
            return nil
        }
        return value
    }

    /// The query-string value, trimmed; missing is empty.
    func queryText(_ name: String) -> String {
        ((try? query.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespaces)
    }

    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// The API's strict reading of a `partnership` filter: it must be an id.
    func partnershipQueryProblems() -> [FieldProblem] {
        let text = queryText("partnership")
        return text.isEmpty || UUID(uuidString: text) != nil ? [] : [.init(field: "partnership", message: "partnership must be a partnership's id")]
    }
}

extension Pagination {
    /// Items per page an API caller asked for: `perPage`, 1 to 200, 50 if not given.
    static func perPage(requestedBy req: Request) -> Int {
        min(max((try? req.query.get(Int.self, at: "perPage")) ?? 50, 1), 200)
    }

    /// The page of `total` items an API caller asked for (`page` and `perPage`).
    init(requestedBy req: Request, total: Int) {
        self.init(page: try? req.query.get(Int.self, at: "page"), perPage: Self.perPage(requestedBy: req), total: total)
    }

    /// The API's strict reading of `page` and `perPage`: a value out of range is a problem,
    /// where a page quietly shows the nearest page.
    static func queryProblems(in req: Request) -> [FieldProblem] {
        [("page", 1...Int.max), ("perPage", 1...200)].compactMap { name, range in
            let value = req.queryText(name)
            guard !value.isEmpty && !(Int(value).map(range.contains) ?? false) else { return nil }
            return FieldProblem(field: name, message: "\(name) must be a whole number from \(range.lowerBound)" + (range.upperBound == Int.max ? "" : " to \(range.upperBound)"))
        }
    }
}
