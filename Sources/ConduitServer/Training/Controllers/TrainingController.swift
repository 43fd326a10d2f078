import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Training sessions, their registers, and rounds.
enum TrainingController {
    // MARK: Sessions

    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let scope = visitor.scope(.readTraining)
        let roundID = UUID(uuidString: req.queryText("round"))
        let total = try await SessionList.count(scope: scope, roundID: roundID, on: req.sql)
        let pagination = Pagination(page: try? req.query.get(Int.self, at: "page"), total: total)
        let rows = try await SessionList.page(scope: scope, roundID: roundID, pagination: pagination, on: req.sql)
        let rounds = try await SessionList.rounds(scope: scope, on: req.sql)
        return TrainingView.index(.init(rows: rows, pagination: pagination, rounds: rounds, roundID: roundID,
                                        canAdd: visitor.allows(.editTraining)), context: PageContext(req))
    }

    struct Choices: Sendable {
        var partnerships: [DirectoryLookups.PartnershipOption]
        var rounds: [(id: UUID, name: String)]
        var groups: [EngagementStore.GroupOption]
    }

    static func choices(_ req: Request) async throws -> Choices {
        let visitor = try req.signedIn
        let scope = visitor.scope(.editTraining)
        let rounds = try await TrainingRound.query(on: req.db).filter(\.$partnership.$id ~~ scope).sort(\.$name).all()
        return Choices(partnerships: try await DirectoryLookups.partnerships(scope, on: req.sql),
                       rounds: rounds.map { ($0.id!, $0.name) },
                       groups: try await EngagementStore.groupOptions(scope: visitor.scope(.readDirectory).intersection(scope), on: req.sql))
    }

    static func input(from req: Request) -> SessionInput {
        SessionInput(title: req.formText("title"), audience: req.formText("audience"),
                     date: .parts(day: req.formText("date-day"), month: req.formText("date-month"), year: req.formText("date-year")),
                     startsAt: req.formText("startsAt"), endsAt: req.formText("endsAt"), venue: req.formText("venue"),
                     languages: req.formText("languages"), interpreter: req.formList("interpreter").contains("yes"),
                     capacity: req.formText("capacity"), cost: req.formText("cost"), roundID: UUID(uuidString: req.formText("roundID")),
                     learningOutcomes: req.formText("learningOutcomes"), notes: req.formText("notes"), topics: req.formList("topics"),
                     partnerGroupIDs: req.formList("partnerGroupIDs").compactMap(UUID.init(uuidString:)), partnerNames: req.formText("partnerNames"),
                     partnershipID: UUID(uuidString: req.formText("partnershipID")))
    }

    static func validate(_ input: SessionInput, choices: Choices, req: Request) async throws -> (values: SessionValues?, problems: [FieldProblem]) {
        let readable = try await EngagementStore.readable(input.partnerGroupIDs, scope: try req.signedIn.scope(.readDirectory), on: req.sql)
        return TrainingValidation.validate(input, partnerships: Set(choices.partnerships.map(\.id)), rounds: Set(choices.rounds.map(\.id)), readableGroups: readable)
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        let choices = try await choices(req)
        var input = SessionInput()
        input.partnershipID = try req.signedIn.currentPartnership.map(\.id).flatMap { id in choices.partnerships.contains { $0.id == id } ? id : nil }
            ?? choices.partnerships.first?.id
        return TrainingView.form(.init(input: input, choices: choices), context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let choices = try await choices(req)
        let input = input(from: req)
        let (values, problems) = try await validate(input, choices: choices, req: req)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: TrainingView.form(.init(input: input, choices: choices, problems: problems),
                                                                                                 context: PageContext(req))).encodeResponse(for: req)
        }
        let session = try await TrainingStore.create(values, organiserID: visitor.userID, on: req.db)
        try await req.audit(.init("training_session.create", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: values.partnershipID,
                                  detail: values.title))
        return req.redirect(to: SiteURL.trainingSession(.value(session.id!)).path(query: [("done", "created")]))
    }

    /// A session the person may read, or 404.
    static func findReadable(_ req: Request) async throws -> TrainingSession {
        let visitor = try req.signedIn
        guard let session = try await TrainingSession.find(try req.uuid(.sessionID), on: req.db) else { throw Abort(.notFound) }
        guard visitor.allows(.readTraining, on: session.$partnership.id) else {
            throw HiddenRecord(recordType: "training_session", id: try session.requireID(), partnershipID: session.$partnership.id)
        }
        return session
    }

    static func findEditable(_ req: Request) async throws -> TrainingSession {
        let session = try await findReadable(req)
        guard try req.signedIn.allows(.editTraining, on: session.$partnership.id) else {
            throw RefusedRecord(recordType: "training_session", id: try session.requireID(), partnershipID: session.$partnership.id,
                                reason: "Only advisers of the partnership that runs this session can change it.")
        }
        return session
    }

    static func storedInput(_ session: TrainingSession, on sql: any SQLDatabase) async throws -> SessionInput {
        let id = try session.requireID()
        let topics = try await sql.select().column("topic").from(TrainingTables.topics).where("session_id", .equal, id).all().map { try $0.decode(column: "topic", as: String.self) }
        struct Partner: Decodable { var organisation_id: UUID?; var name: String }
        let partners = try await sql.select().columns("organisation_id", "name").from(TrainingTables.partners).where("session_id", .equal, id).all(decoding: Partner.self)
        return SessionInput(title: session.title, audience: session.audience, date: .iso(session.sessionOn), startsAt: session.startsAt ?? "",
                            endsAt: session.endsAt ?? "", venue: session.venue, languages: session.languages, interpreter: session.interpreter,
                            capacity: session.capacity.map(String.init) ?? "", cost: session.costPence.map { String(format: "%.2f", Double($0) / 100) } ?? "",
                            roundID: session.$round.id, learningOutcomes: session.learningOutcomes, notes: session.notes, topics: topics,
                            partnerGroupIDs: partners.compactMap(\.organisation_id),
                            partnerNames: partners.filter { $0.organisation_id == nil }.map(\.name).joined(separator: "; "),
                            partnershipID: session.$partnership.id)
    }

    /// What a session's page shows; also used to show the page again with a register row's problems.
    static func showModel(_ session: TrainingSession, entryInput: AttendanceInput, problems: [FieldProblem], notice: String?,
                          req: Request) async throws -> TrainingView.ShowModel {
        let visitor = try req.signedIn
        let id = try session.requireID()
        let register = try await SessionList.register(of: id, on: req.sql)
        if !register.isEmpty {
            // A register is special category data even without names (ethnicity, gender, age
            // band, who referred them: UK GDPR Art. 9): showing it is a read (issue 13).
            let named = register.filter { !$0.name.isEmpty }.count
            try await req.audit(.init("attendance.read", recordType: "training_session", recordID: id.uuidString, partnershipID: session.$partnership.id,
                                      detail: "\(register.count) participants, \(named) named"))
        }
        let canEdit = visitor.allows(.editTraining, on: session.$partnership.id)
        return TrainingView.ShowModel(session: session, details: try await storedInput(session, on: req.sql),
                                      partnershipName: try await Partnership.find(session.$partnership.id, on: req.db)?.name ?? "",
                                      organiserName: try await User.find(session.$organiser.id, on: req.db)?.displayName ?? "",
                                      roundName: try await session.$round.get(on: req.db)?.name, register: register, canEdit: canEdit,
                                      entry: canEdit ? try await RegisterController.entryChoices(req) : nil, entryInput: entryInput,
                                      problems: problems, notice: notice,
                                      evaluations: try await FormResponseController.panel(.trainingEvaluation, about: .trainingSession(id), canRecord: canEdit,
                                                                                          startPath: SiteURL.trainingEvaluations(.value(id)).path, req: req))
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let session = try await findReadable(req)
        return TrainingView.show(try await showModel(session, entryInput: RegisterController.lastInput(req), problems: [], notice: notice(req), req: req),
                                 context: PageContext(req))
    }

    static func notice(_ req: Request) -> String? {
        switch req.queryText("done") {
        case "created": "The session has been added. Enter its register below."
        case "saved": "Your changes have been saved."
        case "added": "Participant #\(req.queryText("number")) has been added."
        case "removed": "The participant has been removed from the register."
        case "imported": "\(req.queryText("count")) participants have been added from the file."
        default: nil
        }
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        let session = try await findEditable(req)
        return TrainingView.form(.init(input: try await storedInput(session, on: req.sql), choices: try await choices(req), sessionID: session.id,
                                       version: session.version), context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let session = try await findEditable(req)
        let version = try req.expectedVersion()
        let choices = try await choices(req)
        let input = input(from: req)
        let (values, problems) = try await validate(input, choices: choices, req: req)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: TrainingView.form(
                .init(input: input, choices: choices, sessionID: session.id, version: version, problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        do {
            try await TrainingStore.update(session, with: values, expectedVersion: version, on: req.db)
        } catch is VersionConflict {
            let current = try await findReadable(req)
            return try await PageResponse(status: .conflict, layout: TrainingView.form(
                .init(input: input, choices: choices, sessionID: session.id, version: current.version,
                      conflict: TrainingView.differences(input, try await storedInput(current, on: req.sql))), context: PageContext(req))).encodeResponse(for: req)
        }
        try await req.audit(.init("training_session.update", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: values.partnershipID))
        return req.redirect(to: SiteURL.trainingSession(.value(session.id!)).path(query: [("done", "saved")]))
    }

    // MARK: Rounds

    @Sendable
    static func createRound(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.editTraining), on: req.sql)
        let name = GroupValidation.trimmed(req.formText("name"))
        let budgetText = req.formText("budget").trimmingCharacters(in: .whitespaces)
        let budget = TrainingValidation.pence(budgetText)
        let partnershipID = UUID(uuidString: req.formText("partnershipID"))
        var problems: [FieldProblem] = []
        if name.isEmpty || TextLimit.exceeds(name, characters: 120) { problems.append(.init(field: "name", message: "Enter the round's name, up to 120 characters, like Round 2 (2009 to 2010)")) }
        if !budgetText.isEmpty && budget == nil { problems.append(.init(field: "budget", message: "Enter the budget in pounds, like 5709 or £5,709")) }
        if partnershipID == nil || !partnerships.contains(where: { $0.id == partnershipID }) {
            problems.append(.init(field: "partnershipID", message: "Select the partnership the round belongs to"))
        }
        guard problems.isEmpty, let partnershipID else {
            return try await PageResponse(status: .unprocessableEntity, layout: TrainingView.rounds(
                rounds: try await SessionList.rounds(scope: visitor.scope(.readTraining), on: req.sql), partnerships: partnerships,
                input: (name, budgetText, partnershipID), problems: problems, context: PageContext(req))).encodeResponse(for: req)
        }
        let round = TrainingRound()
        round.version = 1
        round.name = name
        round.budgetPence = budget
        round.$partnership.id = partnershipID
        try await round.save(on: req.db)
        try await req.audit(.init("training_round.create", recordType: "training_round", recordID: round.id?.uuidString, partnershipID: partnershipID, detail: name))
        return req.redirect(to: SiteURL.trainingRounds.path)
    }

    @Sendable
    static func rounds(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        return TrainingView.rounds(rounds: try await SessionList.rounds(scope: visitor.scope(.readTraining), on: req.sql),
                                   partnerships: try await DirectoryLookups.partnerships(visitor.scope(.editTraining), on: req.sql),
                                   input: ("", "", visitor.currentPartnership?.id), problems: [], context: PageContext(req))
    }
}
