import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// A CSV of cells for one or many returns, from a police or local authority system: every
/// line is checked first, and either every return in it is written or nothing is.
enum ReturnsImportController {
    static let maxUpload: ByteCount = "20mb"

    struct Upload: Content {
        var file: File?
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let imported = req.queryText("returns")
        return ReturnsImportView.form(problems: [], lines: [], notice: imported.isEmpty ? nil : "\(imported) returns saved as drafts from the file.", context: PageContext(req))
    }

    @Sendable
    static func upload(req: Request) async throws -> Response {
        func refuse(_ problems: [FieldProblem], lines: [ImportProblem] = []) async throws -> Response {
            try await PageResponse(status: .unprocessableEntity, layout: ReturnsImportView.form(problems: problems, lines: lines, notice: nil, context: PageContext(req)))
                .encodeResponse(for: req)
        }
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else { return try await refuse([.init(field: "file", message: "Select a CSV file")]) }
        guard let text = Files.text(of: file) else {
            return try await refuse([.init(field: "file", message: "The file is not text: save the spreadsheet as CSV UTF-8 and try again")])
        }
        switch try await check(text, req: req) {
        case .failure(let problems):
            return try await refuse([.init(field: "file", message: "Nothing was imported: the file has \(problems.problems.count) problems, listed below with their lines")],
                                    lines: problems.problems)
        case .success(let returns):
            try await write(returns, req: req)
            return req.redirect(to: SiteURL.returnsImport.path(query: [("returns", String(returns.count))]))
        }
    }

    /// The returns a file fills: each one's cells, with the return already stored if there is one.
    struct Filled {
        var partnershipID: UUID
        var period: ReportingPeriod
        var source: ReturnSource
        var cells: [ReturnCellKey: Int]
        var existing: Return?
    }

    /// Reads the file and checks what the reader cannot: partnerships exist and are the importer's
    /// for that source, and no return in it is submitted or approved (those are not overwritten).
    static func check(_ text: String, req: Request) async throws -> Result<[Filled], ImportProblems> {
        let visitor = try req.signedIn
        let rows: [ReturnCellRow]
        switch ReturnCellsCSV.read(text) {
        case .failure(let problems): return .failure(problems)
        case .success(let read): rows = read
        }
        let codes = try await DirectoryLookups.partnershipsByCodeAndName(on: req.sql)
        var problems: [ImportProblem] = []
        var filled: [String: Filled] = [:]
        for row in rows {
            guard let partnershipID = codes[row.partnership.lowercased()] else {
                problems.append(.init(line: row.line, column: "partnership", message: "No partnership has the code or name ‘\(row.partnership)’"))
                continue
            }
            guard visitor.entersReturns(of: row.source, on: partnershipID) else {
                problems.append(.init(line: row.line, column: "source", message: "You do not enter \(row.source.title) returns for \(row.partnership)"))
                continue
            }
            let key = "\(partnershipID)|\(row.period.key)|\(row.source.rawValue)"
            filled[key, default: Filled(partnershipID: partnershipID, period: row.period, source: row.source, cells: [:])].cells[row.cell] = row.count
        }
        // The returns already stored for the file's partnerships and quarters, in one query.
        let stored = filled.isEmpty ? [] : try await Return.query(on: req.db)
            .filter(\.$partnership.$id ~~ Set(filled.values.map(\.partnershipID))).filter(\.$periodKey ~~ Set(filled.values.map(\.period.key))).all()
        for (key, var one) in filled {
            one.existing = stored.first { $0.$partnership.id == one.partnershipID && $0.periodKey == one.period.key && $0.source == one.source.rawValue }
            if let existing = one.existing, !existing.returnStatus.isEditable {
                let line = rows.first { $0.period == one.period && $0.source == one.source && codes[$0.partnership.lowercased()] == one.partnershipID }?.line ?? 0
                problems.append(.init(line: line, column: "period", message: "The \(one.source.title) return for \(one.period.label) is \(existing.returnStatus.title.lowercased()): it cannot be replaced by an import"))
            }
            filled[key] = one
        }
        guard problems.isEmpty else { return .failure(ImportProblems(problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })) }
        return .success(filled.values.sorted { ($0.period, $0.source.rawValue) < ($1.period, $1.source.rawValue) })
    }

    /// Every return in one transaction: the cells in the file replace the draft's cells.
    static func write(_ returns: [Filled], req: Request) async throws {
        let visitor = try req.signedIn
        try await req.db.transaction { db in
            for one in returns {
                let ret = one.existing ?? Return()
                if one.existing == nil {
                    ret.version = 1
                    ret.periodKey = one.period.key
                    ret.source = one.source.rawValue
                    ret.status = ReturnStatus.draft.rawValue
                    ret.note = ""
                    ret.comment = ""
                    ret.$partnership.id = one.partnershipID
                }
                ret.$enteredBy.id = visitor.userID
                try await ret.save(on: db)
                try await ReturnStore.save(ret, cells: one.cells, expectedVersion: ret.version, on: db)
            }
        }
        try await req.audit(.init("return.import", recordType: "return", detail: "\(returns.count) returns, \(returns.reduce(0) { $0 + $1.cells.count }) cells"))
    }
}
