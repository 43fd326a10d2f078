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

    @Sendable
    static func new(req: Request) async throws -> Layout {
        let choices = try await SessionChoices(for: req)
        var input = SessionInput()
        input.partnershipID = try req.signedIn.currentPartnership.map(\.id).flatMap { id in choices.partnerships.contains { $0.id == id } ? id : nil }
            ?? choices.partnerships.first?.id
        return TrainingView.form(.init(input: input, choices: choices), context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let choices = try await SessionChoices(for: req)
        let input = input(from: req)
        let (values, problems) = try await input.validated(choices: choices, for: req)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: TrainingView.form(.init(input: input, choices: choices, problems: problems),
                                                                                                 context: PageContext(req))).encodeResponse(for: req)
        }
        let session = try await TrainingStore.create(values, organiserID: visitor.userID, on: req.db)
        try await req.audit(.init("training_session.create", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: values.partnershipID,
                                  detail: values.title))
        return req.redirect(to: SiteURL.trainingSession(.value(session.id!)).path(query: TrainingView.Notice.created.query))
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let session = try await req.record(TrainingSession.self)
        return TrainingView.show(try await SessionPage.model(session, entryInput: AttendanceInput(lastAddedIn: req), problems: [], notice: notice(req), req: req),
                                 context: PageContext(req))
    }

    static func notice(_ req: Request) -> String? {
        TrainingView.Notice.read(req)?.message(number: req.queryText("number"), count: req.queryText("count"))
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        let session = try await req.record(TrainingSession.self, editable: .editTraining)
        return TrainingView.form(.init(input: try await TrainingStore.input(of: session, on: req.sql), choices: try await SessionChoices(for: req), sessionID: session.id,
                                       version: session.version), context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let session = try await req.record(TrainingSession.self, editable: .editTraining)
        let version = try req.expectedVersion()
        let choices = try await SessionChoices(for: req)
        let input = input(from: req)
        let (values, problems) = try await input.validated(choices: choices, for: req)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: TrainingView.form(
                .init(input: input, choices: choices, sessionID: session.id, version: version, problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        do {
            try await TrainingStore.update(session, with: values, expectedVersion: version, on: req.db)
        } catch is VersionConflict {
            let current = try await req.record(TrainingSession.self)
            return try await PageResponse(status: .conflict, layout: TrainingView.form(
                .init(input: input, choices: choices, sessionID: session.id, version: current.version,
                      conflict: TrainingView.differences(input, try await TrainingStore.input(of: current, on: req.sql))), context: PageContext(req))).encodeResponse(for: req)
        }
        try await req.audit(.init("training_session.update", recordType: "training_session", recordID: session.id?.uuidString, partnershipID: values.partnershipID))
        return req.redirect(to: SiteURL.trainingSession(.value(session.id!)).path(query: TrainingView.Notice.saved.query))
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
