import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// A session's register: entered at the door a row at a time, imported from a
/// spreadsheet, or downloaded.
enum RegisterController {
    static func input(from req: Request) -> AttendanceInput {
        AttendanceInput(name: req.formText("name"), referringOrganisationID: UUID(uuidString: req.formText("referringOrganisationID")),
                        referringText: req.formText("referringText"), ethnicity: req.formText("ethnicity"), ethnicityDetail: req.formText("ethnicityDetail"),
                        gender: req.formText("gender"), ageBand: req.formText("ageBand"),
                        residencePartnershipID: UUID(uuidString: req.formText("residencePartnershipID")), role: req.formText("role"),
                        status: req.formText("status").isEmpty ? AttendanceStatus.attended.rawValue : req.formText("status"))
    }

    @Sendable
    static func add(req: Request) async throws -> Response {
        let session = try await req.record(TrainingSession.self, editable: .editTraining)
        let choices = try await RegisterChoices(for: req)
        let input = input(from: req)
        let (values, problems) = input.validate(groups: Set(choices.groups.map(\.id)), partnerships: Set(choices.partnerships.map(\.id)))
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: TrainingView.show(
                try await SessionPage.model(session, entryInput: input, problems: problems, notice: nil, req: req), context: PageContext(req))).encodeResponse(for: req)
        }
        let added = try await TrainingStore.add([values], to: session, on: req.db)
        try await req.audit(.init("attendance.create", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: session.$partnership.id,
                                  detail: "#\(added[0].number)"))
        let keep: [(String, String)] = TrainingView.Notice.added.query + [("number", String(added[0].number)),
                                        ("referrer", values.referringOrganisationID?.uuidString ?? ""), ("referrerText", values.referringText),
                                        ("role", values.role.rawValue), ("residence", values.residencePartnershipID?.uuidString ?? "")]
        return req.redirect(to: SiteURL.trainingSession(.value(session.id!)).path(query: keep) + "#register-entry")
    }

    @Sendable
    static func remove(req: Request) async throws -> Response {
        let session = try await req.record(TrainingSession.self, editable: .editTraining)
        guard let attendance = try await Attendance.find(try req.uuid(.attendanceID), on: req.db) else { throw Abort(.notFound) }
        guard attendance.$session.id == session.id else {
            // Another session's participant, reached through this session's address.
            throw HiddenRecord(recordType: "attendance", id: try attendance.requireID(), partnershipID: nil)
        }
        try await attendance.delete(on: req.db)
        try await req.audit(.init("attendance.delete", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: session.$partnership.id,
                                  detail: "#\(attendance.number)"))
        return req.redirect(to: SiteURL.trainingSession(.value(session.id!)).path(query: TrainingView.Notice.removed.query) + "#register")
    }

    @Sendable
    static func export(req: Request) async throws -> Response {
        let session = try await req.record(TrainingSession.self)
        let rows = try await SessionList.register(of: session.requireID(), on: req.sql)
        var text = CSV.line(["reference"] + RegisterRows.columns)
        for row in rows {
            text += CSV.line(["#\(row.number)", row.name, row.referrer ?? "", row.ethnicityCode ?? "", row.ethnicityDetail, row.gender, row.ageBand,
                              row.residence ?? "", row.role, row.status == AttendanceStatus.attended.rawValue ? "yes" : "no"])
        }
        try await req.audit(.init("attendance.export", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: session.$partnership.id,
                                  detail: "\(rows.count) participants"))
        return Files.csv(text, name: "conduit-register", req: req)
    }

    struct Upload: Content {
        var file: File?
    }

    /// Reads a register file: every row checked, nothing written unless all are valid.
    static func check(_ text: String, choices: RegisterChoices, partnershipCodes: [String: UUID]) throws -> (values: [AttendanceValues], problems: [DirectoryImport.RowProblem]) {
        let parsed = Result { () throws(CSV.SyntaxError) -> [CSV.Record] in try CSV.parse(text) }
        guard case .success(let records) = parsed else {
            if case .failure(let error) = parsed { throw DirectoryImport.FileProblem(message: "Line \(error.line) cannot be read: \(error.message)") }
            return ([], [])
        }
        var rows = try RegisterRows(header: records.first, groups: choices.groups, partnerships: choices.partnerships.map(\.id), partnershipCodes: partnershipCodes)
        if records.count < 2 { throw DirectoryImport.FileProblem(message: "The file has a header row but no participants.") }
        var values: [AttendanceValues] = []
        var problems: [DirectoryImport.RowProblem] = []
        for record in records.dropFirst() {
            let (checked, rowProblems) = rows.check(record)
            if rowProblems.isEmpty, let checked { values.append(checked) }
            problems += rowProblems
        }
        return (values, problems)
    }

    @Sendable
    static func importFile(req: Request) async throws -> Response {
        let session = try await req.record(TrainingSession.self, editable: .editTraining)
        let choices = try await RegisterChoices(for: req)
        func refuse(_ problems: [DirectoryImport.RowProblem], message: String?) async throws -> Response {
            try await PageResponse(status: .unprocessableEntity, layout: TrainingView.importProblems(
                sessionID: session.id!, title: session.title, message: message, problems: problems, context: PageContext(req))).encodeResponse(for: req)
        }
        guard let file = try req.content.decode(Upload.self).file, file.data.readableBytes > 0, let text = Files.text(of: file) else {
            return try await refuse([], message: "Select a CSV file of the register")
        }
        let checked: (values: [AttendanceValues], problems: [DirectoryImport.RowProblem])
        do {
            checked = try check(text, choices: choices, partnershipCodes: try await DirectoryLookups.partnershipsByCodeAndName(on: req.sql))
        } catch let problem as DirectoryImport.FileProblem {
            return try await refuse([], message: problem.message)
        }
        // All or nothing: one bad row and the register is left as it was.
        guard checked.problems.isEmpty else { return try await refuse(checked.problems, message: nil) }
        try await TrainingStore.add(checked.values, to: session, on: req.db)
        try await req.audit(.init("attendance.import", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: session.$partnership.id,
                                  detail: "\(checked.values.count) participants"))
        return req.redirect(to: SiteURL.trainingSession(.value(session.id!)).path(query: TrainingView.Notice.imported.query + [("count", String(checked.values.count))]) + "#register")
    }
}
