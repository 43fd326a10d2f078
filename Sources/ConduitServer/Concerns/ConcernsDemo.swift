import ConduitCore
import Fluent
import Foundation

/// Camden's concerns of the kinds in the seeds (issue 16): a grandmother's worry about FGM
/// that reached social care, a pastor calling a child a witch (a person in a position of
/// trust, the LADO, no outcome after 10 working days), a child who may be sent abroad not
/// yet referred, and one closed with early help. And the services each partnership uses.
enum ConcernsDemo {
    static func load(on db: any Database, keys: DataKeys, now: Date) async throws {
        let partnerships = try await Partnership.query(on: db).filter(\.$kind == .partnership).all()
        for partnership in partnerships {
            let id = try partnership.requireID()
            for (route, name, phone) in services(of: partnership.name) {
                try await SafeguardingService(partnershipID: id, route: route.rawValue, name: name, phone: phone).create(on: db)
            }
        }
        guard let camden = partnerships.first(where: { $0.code == "camden" })?.id,
              let adviser = try await User.query(on: db).filter(\.$email == "adviser@conduit.example").first()?.id else { return }
        // Camden's public page in two of its communities' languages, one written right to left.
        for (language, text) in [("so", "Haddii ilmo uu hadda khatar ku jiro, wac 999."), ("ar", "إذا كان طفل في خطر الآن، اتصل بالرقم 999.")] {
            try await SafeguardingPageText(partnershipID: camden, language: language, text: text).create(on: db)
        }
        func group(_ name: String) async throws -> UUID? { try await CommunityGroup.query(on: db).filter(\.$name == name).first()?.id }
        let hour: TimeInterval = 3600, day: TimeInterval = 86_400

        func concern(_ values: ConcernValues, state: ConcernState, referrals: [(ConcernRoute, TimeInterval, String, ConcernOutcome?, TimeInterval?)] = [],
                     feedback: (TimeInterval, ConcernFeedbackMethod)? = nil) async throws {
            let concern = try await ConcernStore.create(values, urgent: false, adviserID: adviser, keys: keys, on: db)
            concern.state = state.rawValue
            if state == .closed { concern.closedAt = now.addingTimeInterval(-day) }
            if let (ago, method) = feedback {
                concern.feedbackOn = CalendarDate.today(in: Formats.ukTimeZone, now: now.addingTimeInterval(-ago)).description
                concern.feedbackMethod = method.rawValue
            }
            try await concern.save(on: db)
            for (route, ago, reference, outcome, heardAgo) in referrals {
                let referral = ConcernReferral()
                referral.$concern.id = try concern.requireID()
                referral.route = route.rawValue
                referral.serviceName = services(of: "Camden").first { $0.route == route }?.name ?? route.title
                referral.referredAt = now.addingTimeInterval(-ago)
                referral.reference = reference
                if let outcome, let heardAgo {
                    let heard = CalendarDate.today(in: Formats.ukTimeZone, now: now.addingTimeInterval(-heardAgo)).description
                    referral.outcome = outcome.rawValue
                    referral.outcomeOn = heard
                    referral.decidedOn = outcome.isDecision ? heard : nil
                }
                try await referral.create(on: db)
            }
        }

        func values(received ago: TimeInterval, _ receipt: ConcernReceipt, by raisedBy: ConcernRaisedBy, group: UUID? = nil, identity: String? = nil,
                    children: Int, ages: [ReturnAgeBand], sexes: [ReturnSex], categories: [ConcernCategory], summary: String,
                    trustGroup: UUID? = nil, consent: ConsentDecision, reason: String = "") -> ConcernValues {
            ConcernValues(receivedAt: now.addingTimeInterval(-ago), receipt: receipt, raisedBy: raisedBy, raisedByGroupID: group, raiserIdentity: identity,
                          childrenCount: children, ageBands: ages, sexes: sexes, residencePartnershipID: camden, childrenNames: nil,
                          categories: categories, summary: summary, positionOfTrust: trustGroup != nil, trustGroupID: trustGroup,
                          consent: consent, consentReason: reason, partnershipID: camden)
        }

        try await concern(values(received: 40 * day, .atGroup, by: .communityMember, group: nil, identity: "A grandmother at the Bengali Women's Forum (phone via the forum's chair)",
                                 children: 1, ages: [.from5To9], sexes: [.female], categories: [.harmfulPractice(.femaleGenitalMutilation)],
                                 summary: "A grandmother said her son's family plan a long summer visit 'home' for her granddaughter's ceremony, and that the girl's aunt was cut at the same age.",
                                 consent: .notSought, reason: "Asking the family could put the girl at risk of being taken sooner."),
                          state: .open, referrals: [(.frontDoor, 40 * day - 5 * hour, "MASH-2611-0412", .childProtectionEnquiry, 36 * day)],
                          feedback: (30 * day, .phone))
        // Referred 25 days ago: past 10 working days whatever bank holidays fall in between.
        let fellowship = try await group("Congolese Christian Fellowship")
        try await concern(values(received: 26 * day, .inPerson, by: .communityMember, identity: "Member of the fellowship, asked not to be named to the pastor",
                                 children: 1, ages: [.from10To15], sexes: [.male], categories: [.harmfulPractice(.abuseLinkedToFaithOrBelief), .emotionalAbuse],
                                 summary: "During a deliverance prayer the pastor called a boy of about twelve a witch in front of the congregation and told his family to keep him apart.",
                                 trustGroup: fellowship, consent: .given),
                          state: .open, referrals: [(.lado, 25 * day, "LADO-118", .acknowledged, 24 * day)])
        let school = try await group("Kentish Town Saturday School")
        try await concern(values(received: 2 * day, .groupSafeguardingLead, by: .group, group: school,
                                 children: 1, ages: [.from16To17], sexes: [.female], categories: [.harmfulPractice(.forcedMarriage)],
                                 summary: "The school's safeguarding lead said a pupil told a teacher she is being sent abroad after her exams to be married, and was frightened.",
                                 consent: .refused, reason: "She asked that her parents not be told; she may be taken abroad before any help arrives."),
                          state: .open)
        try await concern(values(received: 70 * day, .phone, by: .anonymous, children: 3, ages: [.from0To4, .from5To9], sexes: [.female, .male],
                                 categories: [.neglect], summary: "A caller said three young children in a flat near the mosque are often left alone in the evenings.",
                                 consent: .notSought, reason: "The caller did not give a name; there was no one to ask."),
                          state: .closed, referrals: [(.frontDoor, 70 * day - 3 * hour, "MASH-2609-0077", .earlyHelp, 63 * day)])
    }

    /// The services a partnership passes concerns to. The local numbers are from Ofcom's range
    /// for drama (020 7946 0xxx), so no demo sends anyone to a real office; 999, 101 and the
    /// NSPCC's helpline are the real ones.
    static func services(of partnership: String) -> [(route: ConcernRoute, name: String, phone: String)] {
        let index = Demo.partnerships.firstIndex(of: partnership) ?? 0
        return [(.frontDoor, "\(partnership) children's services front door (MASH)", String(format: "020 7946 0%02d1", index)),
         (.police, "Metropolitan Police", "999 in an emergency, otherwise 101"),
         (.lado, "\(partnership) LADO", String(format: "020 7946 0%02d2", index)),
         (.nspcc, "NSPCC helpline", "0808 800 5000")]
    }
}
