import ConduitCore
import Foundation
import SQLKit

/// A partnership's funded round for one financial year, a row in `training_rounds`.
private struct RoundRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var name: String
    var budget_pence: Int
    var starts_on: String
    var ends_on: String
    var partnership_id: UUID
}

/// A training session, a row in `training_sessions`.
private struct SessionRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var updated_at: Date
    var title: String
    var audience: String
    var session_on: String
    var starts_at: String
    var ends_at: String
    var venue: String
    var languages: String
    var interpreter: Bool
    var capacity: Int
    var cost_pence: Int
    var learning_outcomes: String
    var notes: String
    var next_reference: Int
    var partnership_id: UUID
    var organiser_id: UUID
    var round_id: UUID?
}

/// A topic a session covers, a row in `training_session_topics`.
private struct SessionTopicRow: Encodable, Sendable {
    var session_id: UUID
    var topic: String
}

/// A group a session was run with, a row in `training_session_partners`.
private struct SessionPartnerRow: Encodable, Sendable {
    var session_id: UUID
    var organisation_id: UUID
    var name: String
}

// The London-scale training: a funded round per partnership and year, seasonal sessions
// mostly the size of a room, and their registers, each participant through the register's check.
extension LondonScale.Generator {
    func training() async throws {
        let now = app.clock.now
        let partnershipIDs = partnerships.map(\.id)
        let byWeight = partnerships.map { ($0.id, $0.weight) }
        let groupSet = Set(groupNames.keys)
        let partnershipSet = Set(partnershipIDs)
        let total = size.sessions
        let rounds = BulkInsert<RoundRow>(TrainingRound.schema)
        let sessions = BulkInsert<SessionRow>(TrainingSession.schema, after: rounds)
        let topics = BulkInsert<SessionTopicRow>(TrainingTables.topics, after: sessions)
        let partners = BulkInsert<SessionPartnerRow>(TrainingTables.partners, after: sessions)
        let attendances = BulkInsert<AttendanceImport.Row>(Attendance.schema, after: sessions)
        try await phase([rounds, sessions, topics, partners, attendances]) { me, sql in
            // A funded round per partnership and financial year.
            var roundIDs: [String: UUID] = [:]
            for partnership in partnershipIDs {
                for year in (me.start.year - 1)...me.today.year {
                    let id = me.uuid()
                    roundIDs["\(partnership) \(year)"] = id
                    try await rounds.add(.init(id: id, created_at: now, name: "Community safeguarding training \(year)-\(String(year + 1).suffix(2))",
                                               budget_pence: me.random.int(20...90) * 10_000, starts_on: "\(year)-04-01", ends_on: "\(year + 1)-03-31",
                                               partnership_id: partnership), on: sql)
                }
            }
            let titles = TrainingDemo.round2Sessions
            for index in 0..<total {
                let partnership = me.weighted(byWeight)
                // Seasonal: autumn and spring terms busy, August and December quiet.
                var date = me.day()
                while [8, 12].contains(date.month) && me.random.chance(80) { date = me.day() }
                let plan = me.random.pick(titles)
                let id = me.uuid()
                // Most sessions are a room of 10 to 40; some are larger; now and then a conference.
                let scale = me.size.sessionScale
                let people = me.weighted([(0, 70), (1, 25), (2, 5)]) == 0 ? me.random.int(scale / 10...scale * 2 / 5)
                    : me.random.chance(83) ? me.random.int(scale * 2 / 5...scale * 6 / 5) : me.random.int(scale * 6 / 5...scale * 3)
                let round = me.random.chance(50) ? roundIDs["\(partnership) \(date.month >= 4 ? date.year : date.year - 1)"] : nil
                let evening = me.random.chance(70)
                try await sessions.add(.init(id: id, created_at: now, updated_at: now, title: plan.title, audience: me.random.pick(TrainingAudience.allCases).rawValue,
                                             session_on: date.description, starts_at: evening ? "18:30" : "10:00", ends_at: evening ? "20:30" : "13:00",
                                             venue: "\(me.random.pick(Self.places)) \(me.random.pick(["Community Centre", "Library", "Mosque hall", "Church hall"]))",
                                             languages: me.random.pick(["English", "English, Somali", "English, Bengali", "Arabic", "English, Polish"]),
                                             interpreter: me.random.chance(30), capacity: people + me.random.int(0...10), cost_pence: me.random.int(0...60) * 1_000,
                                             learning_outcomes: "", notes: "", next_reference: people + 1, partnership_id: partnership,
                                             organiser_id: me.random.pick(me.advisers[partnership]!), round_id: round), on: sql)
                for topic in plan.topics { try await topics.add(.init(session_id: id, topic: topic.rawValue), on: sql) }
                let local = me.groupsServing[partnership] ?? []
                if !local.isEmpty && me.random.chance(40) {
                    let partner = me.random.pick(local)
                    try await partners.add(.init(session_id: id, organisation_id: partner, name: me.groupNames[partner]!), on: sql)
                }
                for number in 1...max(1, people) {
                    let values = try me.participant(of: partnership, referredBy: local, among: partnershipIDs, groups: groupSet, partnerships: partnershipSet)
                    try await attendances.add(.init(id: me.uuid(), createdAt: now, number: number, session: id, values: values), on: sql)
                }
                me.progress.show("training sessions", done: index + 1, of: total)
            }
        }
    }

    /// A participant as the register's own check leaves one entered at the door.
    private func participant(of partnership: UUID, referredBy local: [UUID], among partnershipIDs: [UUID],
                             groups: Set<UUID>, partnerships: Set<UUID>) throws -> AttendanceValues {
        let community = random.pick(Self.communities)
        let referrer = !local.isEmpty && random.chance(75) ? random.pick(local) : nil
        let input = AttendanceInput(
            name: "", referringOrganisationID: referrer,
            referringText: referrer == nil ? random.pick(["Children's centre", "School", "GP surgery", "Housing association", "Social worker", "Self"]) : "",
            ethnicity: random.chance(92) ? community.code : "", ethnicityDetail: random.chance(70) ? community.name : "",
            gender: weighted([(Gender.female, 62), (.male, 34), (.preferNotToSay, 2), (.notKnown, 2)]).rawValue,
            ageBand: weighted([(AgeBand.from16To17, 3), (.from18To24, 10), (.from25To34, 25), (.from35To44, 28), (.from45To54, 18), (.from55To64, 9), (.from65, 4), (.notKnown, 3)]).rawValue,
            residencePartnershipID: random.chance(85) ? partnership : random.pick(partnershipIDs),
            role: weighted([(ParticipantRole.parentOrCarer, 40), (.communityMember, 25), (.faithLeader, 10), (.volunteer, 12), (.professional, 8), (.youngPerson, 5)]).rawValue,
            status: (random.chance(90) ? AttendanceStatus.attended : .didNotAttend).rawValue)
        let (values, problems) = input.validate(groups: groups, partnerships: partnerships)
        guard let values, problems.isEmpty else { throw Settings.Problem(description: "Generated participant refused: \(problems)") }
        return values
    }
}
