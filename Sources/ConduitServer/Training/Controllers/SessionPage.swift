import ConduitCore
import Fluent
import Foundation
import Vapor

/// A session's page, built for showing it and for showing it again with a register row's
/// problems (the register's handlers render it too).
enum SessionPage {
    /// What a session's page shows; also used to show the page again with a register row's problems.
    static func model(_ session: TrainingSession, entryInput: AttendanceInput, problems: [FieldProblem], notice: String?,
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
        return TrainingView.ShowModel(session: .init(id: id, title: session.title, sessionOn: session.sessionOn, startsAt: session.startsAt, endsAt: session.endsAt,
                                                      costPence: session.costPence), details: try await TrainingStore.input(of: session, on: req.sql),
                                      partnershipName: try await Partnership.find(session.$partnership.id, on: req.db)?.name ?? "",
                                      organiserName: try await User.find(session.$organiser.id, on: req.db)?.displayName ?? "",
                                      roundName: try await session.$round.get(on: req.db)?.name, register: register, canEdit: canEdit,
                                      entry: canEdit ? try await RegisterChoices(for: req) : nil, entryInput: entryInput,
                                      problems: problems, notice: notice,
                                      evaluations: try await ResponsesPanel.Model.of(.trainingEvaluation, about: .trainingSession(id), canRecord: canEdit,
                                                                                          startPath: SiteURL.trainingEvaluations(.value(id)).path, req: req))
    }
}
