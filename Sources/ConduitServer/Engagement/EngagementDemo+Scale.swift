import ConduitCore
import Foundation
import SQLKit

/// A contact with a group, a row in `engagements`.
private struct EngagementRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var updated_at: Date
    var occurred_on: String
    var occurred_at_time: String?
    var channel: String
    var outcome: String
    var people_met: String
    var notes: String
    var follow_up_on: String?
    var follow_up_done: Bool
    var partnership_id: UUID
    var adviser_id: UUID
    var record_key: Int
}

/// The group an engagement was with, a row in `engagement_organisations`.
private struct EngagedGroupRow: Encodable, Sendable {
    var engagement_id: UUID
    var organisation_id: UUID
}

/// A topic discussed, a row in `engagement_topics`.
private struct EngagementTopicRow: Encodable, Sendable {
    var engagement_id: UUID
    var topic: String
}

// The London-scale engagement log: a run of contacts with every group, first attempts that
// go unanswered, then meetings, each follow-up done once the next contact is logged.
extension LondonScale.Generator {
    func engagements() async throws {
        let owners = Dictionary(partnerships.flatMap { partnership in (groupsServing[partnership.id] ?? []).map { ($0, partnership.id) } }, uniquingKeysWith: { first, _ in first })
        let groups = groupNames.keys.sorted { $0.uuidString < $1.uuidString }
        let now = app.clock.now
        let engagements = BulkInsert<EngagementRow>(Engagement.schema)
        let engaged = BulkInsert<EngagedGroupRow>(EngagementTables.groups, after: engagements)
        let discussed = BulkInsert<EngagementTopicRow>(EngagementTables.topics, after: engagements)
        try await phase([engagements, engaged, discussed]) { me, sql in
            let topics = EngagementTopic.allCases
            for (index, group) in groups.enumerated() {
                let partnership = owners[group]!
                let adviser = me.random.pick(me.advisers[partnership]!)
                // Most groups see a handful of contacts; a few, worked with for years, see many.
                let count = me.random.chance(10) ? me.random.int(3...8) * me.size.engagementsPerGroup / 2 : me.random.int(1...(me.size.engagementsPerGroup * 3 / 2))
                var day = me.day()
                let attempts = me.random.int(0...4)
                for number in 0..<count where day < me.today {
                    let first = number < attempts
                    let channel: EngagementChannel = first ? me.random.pick([.phone, .phone, .letter, .email, .visit]) : me.random.pick([.meeting, .visit, .phone, .forum, .training])
                    let outcome: EngagementOutcome = first ? me.random.pick([.noAnswer, .noReply, .didNotAttend, .noAnswer])
                        : me.random.pick([.met, .met, .agreedNextStep, .trainingBooked, .noAnswer, .declined])
                    let next = day.adding(days: me.random.int(14...120))
                    let followUp = me.random.chance(50) ? next : nil
                    let id = me.uuid()
                    // A follow-up is done once the next contact with the group is logged.
                    let done = followUp != nil && number < count - 1 && next < me.today
                    let time = channel == .meeting || channel == .forum ? me.random.pick(["18:30", "19:00", "19:30", "11:00"]) : nil
                    try await engagements.add(.init(id: id, created_at: now, updated_at: now, occurred_on: day.description, occurred_at_time: time,
                                                    channel: channel.rawValue, outcome: outcome.rawValue, people_met: outcome.establishesContact ? "Leaders and volunteers" : "",
                                                    notes: "", follow_up_on: followUp?.description, follow_up_done: done, partnership_id: partnership, adviser_id: adviser,
                                                    record_key: RecordKey.random()), on: sql)
                    try await engaged.add(.init(engagement_id: id, organisation_id: group), on: sql)
                    if outcome.establishesContact {
                        for topic in Set([me.random.pick(topics), me.random.pick(topics)]) { try await discussed.add(.init(engagement_id: id, topic: topic.rawValue), on: sql) }
                    }
                    day = next
                }
                me.progress.show("engagements (groups done)", done: index + 1, of: groups.count)
            }
        }
    }
}
