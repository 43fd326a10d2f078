import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Training's JSON API: sessions, registers and the statistics report.
enum TrainingAPIController {
    struct SessionBody: Content {
        var title: String?
        var audience: String?
        var date: String?
        var startsAt: String?
        var endsAt: String?
        var venue: String?
        var languages: [String]?
        var interpreter: Bool?
        var capacity: Int?
        var costPence: Int?
        var roundId: UUID?
        var learningOutcomes: [String]?
        var notes: String?
        var topics: [String]?
        var partnerGroupIds: [UUID]?
        var partnerNames: [String]?
        var partnershipId: UUID?
        var version: Int?

        var input: SessionInput {
            SessionInput(title: title ?? "", audience: audience ?? "", date: .iso(date ?? ""), startsAt: startsAt ?? "", endsAt: endsAt ?? "",
                         venue: venue ?? "", languages: (languages ?? []).joined(separator: ", "), interpreter: interpreter ?? false,
                         capacity: capacity.map(String.init) ?? "", cost: costPence.map { String(format: "%.2f", Double($0) / 100) } ?? "",
                         roundID: roundId, learningOutcomes: (learningOutcomes ?? []).joined(separator: "\n"), notes: notes ?? "", topics: topics ?? [],
                         partnerGroupIDs: partnerGroupIds ?? [], partnerNames: (partnerNames ?? []).joined(separator: "; "), partnershipID: partnershipId)
        }
    }

    struct SessionDTO: Content {
        var id: UUID
        var version: Int
        var title: String
        var audience: String
        var date: String
        var startsAt: String?
        var endsAt: String?
        var venue: String
        var languages: [String]
        var interpreter: Bool
        var capacity: Int?
        var costPence: Int?
        var roundId: UUID?
        var learningOutcomes: [String]
        var notes: String
        var topics: [String]
        var partnerNames: [String]
        var partnershipId: UUID
        var attended: Int
        var booked: Int
    }

    struct SessionList: Content {
        var items: [SessionDTO]
        var total: Int
        var page: Int
        var perPage: Int
    }

    static func document(_ session: TrainingSession, req: Request) async throws -> SessionDTO {
        try await documents([session], on: req.sql)[0]
    }

    /// The documents of a page of sessions in three queries whatever the page's size, not three per session.
    static func documents(_ sessions: [TrainingSession], on sql: any SQLDatabase) async throws -> [SessionDTO] {
        let ids = try sessions.map { try $0.requireID() }
        guard !ids.isEmpty else { return [] }
        let (topics, partners, counts) = try await TrainingStore.details(of: ids, on: sql)
        return zip(sessions, ids).map { session, id in
            let register = counts.filter { $0.sessionId == id }
            return SessionDTO(id: id, version: session.version, title: session.title, audience: session.audience, date: session.sessionOn,
                              startsAt: session.startsAt, endsAt: session.endsAt, venue: session.venue, languages: GroupValidation.list(session.languages),
                              interpreter: session.interpreter, capacity: session.capacity, costPence: session.costPence, roundId: session.$round.id,
                              learningOutcomes: session.learningOutcomes.split(whereSeparator: \.isNewline).map(String.init), notes: session.notes,
                              topics: topics.filter { $0.sessionId == id }.map(\.topic), partnerNames: partners.filter { $0.sessionId == id }.map(\.name),
                              partnershipId: session.$partnership.id,
                              attended: register.filter { $0.status == AttendanceStatus.attended.rawValue }.reduce(0) { $0 + $1.n },
                              booked: register.reduce(0) { $0 + $1.n })
        }
    }

    @Sendable
    static func list(req: Request) async throws -> SessionList {
        let scope = try req.signedIn.scope(.readTraining)
        let problems = Pagination.queryProblems(in: req)
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let perPage = Pagination.perPage(requestedBy: req)
        let total = try await ConduitServer.SessionList.count(scope: scope, roundID: nil, on: req.sql)
        let pagination = Pagination(requestedBy: req, total: total)
        let rows = try await ConduitServer.SessionList.page(scope: scope, roundID: nil, pagination: pagination, on: req.sql)
        let sessions = rows.isEmpty ? [] : try await TrainingSession.query(on: req.db).filter(\.$id ~~ rows.map(\.id)).all()
        let ordered = rows.compactMap { row in sessions.first { $0.id == row.id } }
        return SessionList(items: try await documents(ordered, on: req.sql), total: total, page: pagination.page, perPage: perPage)
    }

    @Sendable
    static func show(req: Request) async throws -> SessionDTO {
        try await document(try await req.record(TrainingSession.self), req: req)
    }

    static func problems(_ problems: [FieldProblem]) -> [FieldProblem] {
        let names = ["roundID": "roundId", "partnerGroupIDs": "partnerGroupIds", "partnershipID": "partnershipId", "cost": "costPence"]
        return problems.map { FieldProblem(field: names[$0.field] ?? $0.field, message: $0.message) }
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        var input = try req.content.decode(SessionBody.self).input
        let choices = try await SessionChoices(for: req)
        if input.partnershipID == nil, choices.partnerships.count == 1 { input.partnershipID = choices.partnerships[0].id }
        let (values, problems) = try await input.validated(choices: choices, for: req)
        guard let values else { throw ValidationFailure(problems: self.problems(problems)) }
        let session = try await TrainingStore.create(values, organiserID: visitor.userID, on: req.db)
        try await req.audit(.init("training_session.create", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: values.partnershipID,
                                  detail: values.title))
        return try await Response.json(try await document(session, req: req), status: .created, req: req)
    }

    @Sendable
    static func update(req: Request) async throws -> SessionDTO {
        let session = try await req.record(TrainingSession.self, editable: .editTraining)
        let body = try req.content.decode(SessionBody.self)
        guard let version = body.version else { throw ValidationFailure(problems: [.init(field: "version", message: "Send the version of the session you are changing")]) }
        let (values, problems) = try await body.input.validated(choices: try await SessionChoices(for: req), for: req)
        guard let values else { throw ValidationFailure(problems: self.problems(problems)) }
        try await TrainingStore.update(session, with: values, expectedVersion: version, on: req.db)
        try await req.audit(.init("training_session.update", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: values.partnershipID))
        return try await document(session, req: req)
    }

    struct AttendanceBody: Content {
        var name: String?
        var referringOrganisationId: UUID?
        var referringText: String?
        var ethnicity: String?
        var ethnicityDetail: String?
        var gender: String?
        var ageBand: String?
        var residencePartnershipId: UUID?
        var role: String?
        var attended: Bool?
    }

    struct AttendanceDTO: Content {
        var id: UUID
        var reference: Int
        var name: String?
        var referrer: String?
        var ethnicity: String?
        var ethnicityDetail: String
        var gender: String
        var ageBand: String
        var role: String
        var attended: Bool
    }

    struct AttendanceList: Content {
        var items: [AttendanceDTO]
        var total: Int
    }

    @Sendable
    static func attendances(req: Request) async throws -> AttendanceList {
        let session = try await req.record(TrainingSession.self)
        let rows = try await ConduitServer.SessionList.register(of: session.requireID(), on: req.sql)
        if !rows.isEmpty {
            // Named or not, the register is special category data: a read (issue 13).
            try await req.audit(.init("attendance.read", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: session.$partnership.id,
                                      detail: "\(rows.count) participants, \(rows.filter { !$0.name.isEmpty }.count) named"))
        }
        return AttendanceList(items: rows.map {
            AttendanceDTO(id: $0.id, reference: $0.number, name: $0.name.nonEmpty, referrer: $0.referrer?.nonEmpty, ethnicity: $0.ethnicityCode,
                          ethnicityDetail: $0.ethnicityDetail, gender: $0.gender, ageBand: $0.ageBand, role: $0.role,
                          attended: $0.status == AttendanceStatus.attended.rawValue)
        }, total: rows.count)
    }

    @Sendable
    static func addAttendance(req: Request) async throws -> Response {
        let session = try await req.record(TrainingSession.self, editable: .editTraining)
        let body = try req.content.decode(AttendanceBody.self)
        let input = AttendanceInput(name: body.name ?? "", referringOrganisationID: body.referringOrganisationId, referringText: body.referringText ?? "",
                                    ethnicity: body.ethnicity ?? "", ethnicityDetail: body.ethnicityDetail ?? "", gender: body.gender ?? "", ageBand: body.ageBand ?? "",
                                    residencePartnershipID: body.residencePartnershipId, role: body.role ?? "",
                                    status: body.attended == false ? AttendanceStatus.didNotAttend.rawValue : AttendanceStatus.attended.rawValue)
        let choices = try await RegisterChoices(for: req)
        let (values, problems) = input.validate(groups: Set(choices.groups.map(\.id)), partnerships: Set(choices.partnerships.map(\.id)))
        guard let values else {
            let names = ["referringOrganisationID": "referringOrganisationId", "residencePartnershipID": "residencePartnershipId", "status": "attended"]
            throw ValidationFailure(problems: problems.map { FieldProblem(field: names[$0.field] ?? $0.field, message: $0.message) })
        }
        let added = try await TrainingStore.add([values], to: session, on: req.db)[0]
        try await req.audit(.init("attendance.create", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: session.$partnership.id,
                                  detail: "#\(added.number)"))
        return try await Response.json(
            AttendanceDTO(id: added.id!, reference: added.number, name: added.name.nonEmpty, referrer: nil, ethnicity: added.ethnicityCode,
                          ethnicityDetail: added.ethnicityDetail, gender: added.gender, ageBand: added.ageBand, role: added.role,
                          attended: added.status == AttendanceStatus.attended.rawValue), status: .created, req: req)
    }

    struct StatisticsLine: Content {
        var key: String
        var label: String
        /// A number, or "c" when suppressed.
        var count: String
        var percentage: String?
    }

    struct StatisticsDTO: Content {
        var from: String
        var to: String
        var groupedBy: String
        var suppressed: Bool
        /// "exact" or "adjusted" (issue 14).
        var publication: String
        var lines: [StatisticsLine]
        var total: String
    }

    @Sendable
    static func statistics(req: Request) async throws -> StatisticsDTO {
        var asked = StatisticsReport.read(req)
        // The API's table is one-way: a second grouping is not one of its parameters.
        asked.crossGrouping = nil
        asked.problems.removeAll { $0.field == "then" }
        if !req.queryText("by").isEmpty && AttendanceStatistics.Grouping(rawValue: req.queryText("by")) == nil {
            throw ValidationFailure(problems: [.init(field: "by", message: "by must be one of: " + AttendanceStatistics.Grouping.allCases.map(\.rawValue).joined(separator: ", "))])
        }
        let (result, problems) = try await StatisticsReport.run(asked, req: req)
        guard let result, let report = result.report else { throw ValidationFailure(problems: problems) }
        return StatisticsDTO(from: result.filters.from.description, to: result.filters.to.description, groupedBy: asked.grouping.rawValue,
                             suppressed: result.suppressed, publication: result.publication.rawValue,
                             lines: report.lines.map { StatisticsLine(key: $0.key, label: $0.label, count: $0.count.text, percentage: $0.percentage) },
                             total: report.total.text)
    }
}
