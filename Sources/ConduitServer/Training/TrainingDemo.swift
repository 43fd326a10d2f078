import ConduitCore
import Fluent
import Foundation

/// Demo training: Camden's round 2 of 2009–10 exactly as seed 003 reports it
/// (178 participants), and a year of recent sessions across the partnerships.
enum TrainingDemo {
    /// Seed 003's participants: referring organisation, community of origin and its DfE code, women, men.
    static let round2: [(referrer: String, community: String, code: String, women: Int, men: Int)] = [
        ("Bengali Women's Forum", "Bangladeshi", "ABAN", 27, 0),
        ("Ar-Rahman Mosque", "Bangladeshi", "ABAN", 0, 7),
        ("Ar-Rahman Mosque", "Pakistani", "APKN", 0, 1),
        ("Victory Chapel", "Congolese", "BAFR", 8, 6),
        ("Eritrean Cultural Support Group", "Eritrean", "BAFR", 14, 10),
        ("Camden BME Alliance", "Eritrean", "BAFR", 0, 1),
        ("Camden BME Alliance", "Kenyan", "BAFR", 0, 1),
        ("Ivorian & French Speaking African Women Action Gro", "Ivory Coast", "BAFR", 12, 0),
        ("Kosovo Islamic Centre", "Kosova", "WOTH", 2, 5),
        ("Kosovo Islamic Centre", "Morrocan", "OOTH", 0, 5),
        ("Kosovo Islamic Centre", "Pakistani", "APKN", 0, 2),
        ("Kurdish Community Association", "Kurdish", "OOTH", 4, 6),
        ("Sudan Womens' Association", "Sudanese", "BAFR", 11, 0),
        ("East African Society", "Somali", "BAFR", 10, 5),
        ("Islington Islamic Centre", "Somali", "BAFR", 6, 12),
        ("North West Islamic Cultural Centre", "Somali", "BAFR", 6, 12),
        ("British Somali Community", "Somali", "BAFR", 0, 1),
        ("Somali Elderly & Disable People", "Somali", "BAFR", 0, 1),
        ("Soohan community group", "Somali", "BAFR", 0, 3),
    ]

    static let round2Outcomes = """
        Explain the role of Family Services and Social Work in safeguarding children
        Know the laws and regulations around child safeguarding
        Describe how community groups can help protect children
        Identify key people in getting support for developing child protection policies and procedures
        Identify key issues of concern for their own community and start pulling ideas on possible solutions
        """

    static let round2Sessions: [(title: String, topics: [EngagementTopic])] = [
        ("Child protection and the role of social care", [.generalAwareness]),
        ("Abuse linked to spirit possession", [.abuseLinkedToFaithOrBelief]),
        ("Child trafficking and private fostering", [.trafficking, .privateFostering]),
        ("Female genital mutilation: the law and support", [.femaleGenitalMutilation]),
        ("Discipline in faith settings", [.disciplineAndGenerationalTension]),
        ("Forced marriage and honour-based abuse", [.honourBasedAbuse]),
        ("Parenting teenagers and runaway children", [.disciplineAndGenerationalTension, .substanceMisuse]),
    ]

    static func load(on db: any Database, today: CalendarDate) async throws {
        guard let camden = try await Partnership.query(on: db).filter(\.$code == "camden").first(),
              let adviser = try await User.query(on: db).filter(\.$email == "adviser@conduit.example").first() else { return }
        let camdenID = try camden.requireID()
        let round = TrainingRound()
        round.version = 1
        round.name = "Round 2 (November 2009 to April 2010)"
        round.budgetPence = 570_900
        round.startsOn = "2009-11-02"
        round.endsOn = "2010-04-29"
        round.$partnership.id = camdenID
        try await round.save(on: db)
        let groups = try await CommunityGroup.query(on: db).all()
        let directory = Dictionary(groups.map { ($0.name, $0.id!) }, uniquingKeysWith: { first, _ in first })
        var random = DirectoryDemo.Generator(state: 2010)
        // 178 people, in order, shared out over 13 sessions from 2 November 2009 to 26 April 2010.
        var people: [AttendanceValues] = []
        for row in round2 {
            for index in 0..<(row.women + row.men) {
                people.append(AttendanceValues(
                    name: "", referringOrganisationID: directory[row.referrer], referringText: directory[row.referrer] == nil ? row.referrer : "",
                    ethnicity: Ethnicity.code(row.code), ethnicityDetail: row.community, gender: index < row.women ? .female : .male,
                    ageBand: random.pick([.from25To34, .from35To44, .from35To44, .from45To54, .from18To24, .from55To64]),
                    residencePartnershipID: camdenID, role: random.pick([.parentOrCarer, .parentOrCarer, .faithLeader, .volunteer, .communityMember]),
                    status: .attended))
            }
        }
        let start = CalendarDate(year: 2009, month: 11, day: 2)!
        let sessions = 13
        for number in 0..<sessions {
            let plan = round2Sessions[number % round2Sessions.count]
            let values = SessionValues(
                title: plan.title, audience: number % 4 == 3 ? .faithLeaders : .communityMembers, date: start.adding(days: number * 14),
                startsAt: number % 2 == 0 ? "18:30" : "10:30", endsAt: number % 2 == 0 ? "20:30" : "12:30", venue: "Camden Centre, Euston Road",
                languages: number % 3 == 0 ? "English, Somali" : "English", interpreter: number % 3 == 0, capacity: 15, costPence: 570_900 / sessions,
                roundID: round.id, learningOutcomes: round2Outcomes, notes: "", topics: plan.topics, partnerGroupIDs: [],
                partnerNames: ["LB Camden Safeguarding Board multi-agency trainers", "Met Police FGM Unit", "NSPCC", "FORWARD"], partnershipID: camdenID)
            let session = try await TrainingStore.create(values, organiserID: try adviser.requireID(), on: db)
            let share = people.count * (number + 1) / sessions - people.count * number / sessions
            let first = people.count * number / sessions
            try await TrainingStore.add(Array(people[first..<(first + share)]), to: session, on: db)
        }
        try await recentSessions(on: db, today: today, random: &random)
    }

    /// Two sessions in the last year in each partnership, with registers of mixed sizes.
    static func recentSessions(on db: any Database, today: CalendarDate, random: inout DirectoryDemo.Generator) async throws {
        let partnerships = try await Partnership.query(on: db).filter(\.$kind == .partnership).sort(\.$name).all()
        for partnership in partnerships {
            let code = partnership.code
            guard let organiser = try await User.query(on: db).filter(\.$email ~~ ["adviser.\(code)@conduit.example", code == "camden" ? "adviser@conduit.example" : ""]).first() else { continue }
            let groups = try await CommunityGroup.query(on: db).filter(\.$partnership.$id == partnership.id!).all()
            for number in 0..<2 {
                let plan = round2Sessions[random.int(0...(round2Sessions.count - 1))]
                let values = SessionValues(
                    title: plan.title, audience: random.pick([.communityMembers, .faithLeaders, .supplementarySchoolStaff, .youngPeople]),
                    date: today.adding(days: -random.int(20...340)), startsAt: "18:30", endsAt: "20:30", venue: "\(partnership.name) community centre",
                    languages: "English", interpreter: false, capacity: 20, costPence: random.int(150...450) * 100, roundID: nil,
                    learningOutcomes: round2Outcomes, notes: "", topics: plan.topics, partnerGroupIDs: [], partnerNames: ["Children's social care"],
                    partnershipID: partnership.id!)
                let session = try await TrainingStore.create(values, organiserID: try organiser.requireID(), on: db)
                let size = number == 0 ? random.int(3...8) : random.int(10...20)
                let people = (0..<size).map { _ in
                    let group = groups.isEmpty ? nil : random.pick(groups)
                    let code = random.pick(["BAFR", "BAFR", "ABAN", "AOTH", "WOTH", "OOTH", "BCRB", "APKN"])
                    return AttendanceValues(name: "", referringOrganisationID: group?.id, referringText: "", ethnicity: Ethnicity.code(code), ethnicityDetail: "",
                                            gender: random.pick([.female, .female, .male, .preferNotToSay]), ageBand: random.pick([.from25To34, .from35To44, .from45To54, .from16To17]),
                                            residencePartnershipID: partnership.id, role: random.pick([.parentOrCarer, .faithLeader, .volunteer, .youngPerson]),
                                            status: random.chance(85) ? .attended : .didNotAttend)
                }
                try await TrainingStore.add(people, to: session, on: db)
            }
        }
    }
}
