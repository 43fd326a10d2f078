import ConduitCore
import Fluent
import Foundation
import Vapor

/// Demo groups of the kinds the seeds name, with contacts, readiness at
/// different stages and a year of engagement, the same on every load.
enum DirectoryDemo {
    /// name, type, faith, denomination, communities, languages, partnerships served (codes, owner first), postcode, meets
    typealias GroupSeed = (String, GroupType, Faith?, String, String, String, [String], String, String)

    static let groups: [GroupSeed] = [
        ("Congolese Christian Fellowship", .placeOfWorship, .christian, "Pentecostal", "Congolese", "Lingala, French, English", ["camden", "islington"], "NW1 2DB", "Sundays 11am to 3pm; prayer night Fridays 8pm"),
        ("St Mary's Eritrean Orthodox Church", .placeOfWorship, .christian, "Eritrean Orthodox", "Eritrean", "Tigrinya, English", ["camden"], "NW5 1TL", "Sundays 6am to 11am"),
        ("Masjid Al-Noor", .placeOfWorship, .muslim, "Sunni", "Bangladeshi, Somali", "Bengali, Somali, Arabic, English", ["camden"], "NW1 0JH", "Daily prayers; Friday prayers 1pm"),
        ("Al-Noor Madrasa", .supplementarySchool, .muslim, "Sunni", "Bangladeshi", "Arabic, Bengali", ["camden"], "NW1 0JH", "Weekdays 5pm to 7pm, Saturdays 10am to 1pm"),
        ("Camden Somali Women's Group", .communityGroup, nil, "", "Somali", "Somali, English", ["camden"], "NW1 1RP", "Tuesdays 10am to 12 noon"),
        ("Bengali Women's Forum", .communityGroup, nil, "", "Bangladeshi", "Bengali, Sylheti", ["camden"], "NW1 1HS", "First Monday of the month, 7pm"),
        ("Camden Interfaith Forum", .faithGroup, .multiFaith, "", "", "English", ["camden"], "WC1H 9JE", "Quarterly, Thursday evenings"),
        ("Kentish Town Saturday School", .supplementarySchool, .notFaithBased, "", "Somali, Eritrean", "Somali, Tigrinya, English", ["camden"], "NW5 2RN", "Saturdays 10am to 1pm"),
        ("Eritrean Community in London", .voluntaryAgency, nil, "", "Eritrean", "Tigrinya, Arabic, English", ["islington", "camden", "haringey"], "N7 8QG", "Office open weekdays; youth club Wednesdays 6pm"),
        ("Islington Bangladeshi Association", .communityGroup, nil, "", "Bangladeshi", "Bengali, Sylheti, English", ["islington"], "N1 1SX", "Weekdays 10am to 4pm"),
        ("Holloway Somali Youth Project", .youthGroup, nil, "", "Somali", "Somali, English", ["islington"], "N7 6PA", "Fridays 6pm to 9pm"),
        ("Hackney Congolese Revival Church", .placeOfWorship, .christian, "Pentecostal", "Congolese, Angolan", "Lingala, French, Portuguese", ["hackney"], "E8 1DY", "Sundays 12 noon to 4pm"),
        ("Hackney Turkish and Kurdish Youth Project", .youthGroup, nil, "", "Kurdish, Turkish", "Kurdish, Turkish, English", ["hackney", "haringey", "enfield"], "N16 7UX", "Weekday evenings"),
        ("Shacklewell Lane Mosque", .placeOfWorship, .muslim, "Sunni", "Turkish, Kurdish", "Turkish, Kurdish, Arabic", ["hackney"], "E8 2EB", "Daily prayers"),
        ("Hackney Orthodox Jewish Boys' School", .supplementarySchool, .jewish, "Charedi", "", "Yiddish, Hebrew, English", ["hackney"], "N16 5RP", "Sunday to Friday"),
        ("Kurdish Community Association", .voluntaryAgency, nil, "", "Kurdish", "Kurdish, Turkish, English", ["haringey", "hackney", "enfield"], "N15 4QN", "Weekdays 10am to 5pm"),
        ("Tottenham Congolese Community", .communityGroup, nil, "", "Congolese", "Lingala, French", ["haringey"], "N17 6RA", "Saturdays 2pm"),
        ("Wood Green Mosque and Madrasa", .placeOfWorship, .muslim, "Sunni", "Somali, Turkish", "Somali, Turkish, Arabic", ["haringey"], "N22 6EJ", "Daily prayers; madrasa weekdays 5pm"),
        ("Haringey Somali Youth Forum", .youthGroup, nil, "", "Somali", "Somali, English", ["haringey"], "N17 9LN", "Thursdays 6pm"),
        ("Enfield Kurdish Women's Group", .communityGroup, nil, "", "Kurdish", "Kurdish, Turkish", ["enfield"], "N9 0TY", "Wednesdays 11am"),
        ("Edmonton Eritrean Orthodox Church", .placeOfWorship, .christian, "Eritrean Orthodox", "Eritrean", "Tigrinya", ["enfield"], "N9 7HJ", "Sundays 6am to 11am"),
        ("Brent Somali Community Centre", .communityGroup, nil, "", "Somali", "Somali, Arabic, English", ["brent"], "NW10 8UF", "Weekdays"),
        ("Harlesden Ethiopian Evangelical Church", .placeOfWorship, .christian, "Evangelical", "Ethiopian, Eritrean", "Amharic, Tigrinya", ["brent"], "NW10 4LX", "Sundays 2pm"),
        ("Brent Tamil School", .supplementarySchool, .hindu, "", "Sri Lankan Tamil", "Tamil, English", ["brent"], "HA9 6AA", "Saturdays 9am to 1pm"),
        ("Wembley Gurdwara Youth Group", .youthGroup, .sikh, "", "Punjabi", "Punjabi, English", ["brent"], "HA0 4TL", "Sundays 4pm"),
        ("Newham Nigerian Pastors' Network", .faithGroup, .christian, "Pentecostal", "Nigerian", "English, Yoruba", ["newham", "southwark"], "E15 4BQ", "Monthly, last Tuesday 7pm"),
        ("Forest Gate Madrasa", .supplementarySchool, .muslim, "Sunni", "Pakistani, Bangladeshi", "Urdu, Arabic, Bengali", ["newham"], "E7 9NP", "Weekdays 5pm to 7pm"),
        ("East Ham Bengali Women's Group", .communityGroup, nil, "", "Bangladeshi", "Bengali, Sylheti", ["newham"], "E6 1HL", "Thursdays 10am"),
        ("Newham Interfaith Forum", .faithGroup, .multiFaith, "", "", "English", ["newham"], "E16 2QU", "Every two months"),
        ("Peckham Congolese Christian Centre", .placeOfWorship, .christian, "Pentecostal", "Congolese", "Lingala, French", ["southwark"], "SE15 5DQ", "Sundays 1pm to 5pm"),
        ("Southwark Sierra Leone Community Association", .communityGroup, nil, "", "Sierra Leonean", "Krio, English", ["southwark"], "SE17 1RL", "Saturdays"),
        ("Walworth Somali Supplementary School", .supplementarySchool, .notFaithBased, "", "Somali", "Somali, English", ["southwark"], "SE17 2TR", "Saturdays 10am to 2pm"),
        ("Southwark Interfaith Forum", .faithGroup, .multiFaith, "", "", "English", ["southwark"], "SE1 2QH", "Quarterly"),
    ]

    /// Fictional contacts: name, role, detail, preferred language.
    static let contacts: [(String, ContactRole, String, String)] = [
        ("Pastor Emmanuel Mbuyi", .pastor, "Senior pastor", "French"), ("Abdirahman Farah", .imam, "", "Somali"),
        ("Nasrin Begum", .chair, "", "Bengali"), ("Tesfay Gebremedhin", .priest, "", "Tigrinya"), ("Hodan Ali", .coordinator, "Project coordinator", "Somali"),
        ("Grace Adeyemi", .safeguardingLead, "", "English"), ("Rojda Yilmaz", .youthLeader, "", "Kurdish"), ("Mohammed Rahman", .teacher, "Madrasa head teacher", "Bengali"),
        ("Ruth Cohen", .secretary, "", "English"), ("Fatuma Hassan", .trustee, "", "Somali"), ("Kiran Singh", .youthLeader, "", "Punjabi"),
        ("Jean-Pierre Kabongo", .secretary, "", "French"), ("Aster Tesfaye", .chair, "", "Amharic"), ("Samuel Koroma", .chair, "", "Krio"),
    ]

    /// A small deterministic generator, so every demo load is the same.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    static func load(on db: any Database, passwordHash: String, today: CalendarDate) async throws -> Int {
        let partnerships = try await Partnership.query(on: db).all()
        let byCode = Dictionary(uniqueKeysWithValues: partnerships.map { ($0.code, $0.id!) })
        // One adviser per partnership logs its engagements; Camden's is the demo adviser who signs in.
        var advisers: [String: UUID] = [:]
        if let demo = try await User.query(on: db).filter(\.$email == "adviser@conduit.example").first() { advisers["camden"] = demo.id }
        for code in Demo.partnerships.map({ $0.lowercased() }) where advisers[code] == nil {
            let user = User(email: "adviser.\(code)@conduit.example", displayName: "\(code.capitalized) adviser", passwordHash: passwordHash)
            try await user.save(on: db)
            try await MembershipRecord(userID: user.id!, partnershipID: byCode[code]!, role: .adviser).save(on: db)
            advisers[code] = user.id
        }
        var random = Generator(state: 2007)
        var engagementCount = 0
        for (index, seed) in groups.enumerated() {
            let (name, type, faith, denomination, communities, languages, served, postcode, meets) = seed
            let owner = byCode[served[0]]!
            let status: GroupStatus = index == 20 ? .noLongerExists : index == 14 ? .dormant : .active
            let values = GroupValues(name: name, type: type, faith: faith, denomination: denomination,
                                     communities: GroupValidation.list(communities), languages: GroupValidation.list(languages),
                                     address: "\(random.int(1...240)) High Road, London", postcode: postcode,
                                     phone: String(format: "020 7946 %04d", index * 37 % 1000), email: "",
                                     meetingTimes: meets, status: status, statusConfirmedOn: today.adding(days: -random.int(10...300)),
                                     howFound: random.pick(["Interfaith forum list", "Leaflet at a community event", "Referral by a school",
                                                             "Council's voluntary sector directory", "Met at a training session"]),
                                     notes: "", ownerID: owner, servedIDs: served.compactMap { byCode[$0] })
            let group = try await GroupStore.create(values, on: db)
            let groupID = group.id!
            for number in 0..<random.int(1...2) {
                let seedContact = contacts[(index * 3 + number * 5) % contacts.count]
                let contact = Contact()
                contact.version = 1
                contact.$organisation.id = groupID
                ContactInput(name: seedContact.0, role: seedContact.1.rawValue, roleDetail: seedContact.2,
                             phone: String(format: "07700 900%03d", (index * 7 + number) % 1000), email: "",
                             preferredLanguage: seedContact.3, notes: number == 0 ? "Best reached after evening prayers or meetings." : "").apply(to: contact)
                try await contact.save(on: db)
            }
            try await ReadinessStore.save(readiness(for: index, random: &random, today: today), groupID: groupID, by: nil, on: db)
            engagementCount += try await engagements(with: groupID, status: status, partnershipID: owner, adviserID: advisers[served[0]]!,
                                                     random: &random, today: today, on: db)
        }
        return engagementCount
    }

    /// Readiness from nothing known to nearly complete, with some items lapsed or due soon.
    static func readiness(for index: Int, random: inout Generator, today: CalendarDate) -> [ReadinessEntry] {
        let stage = index % 5
        return ReadinessItem.allCases.enumerated().compactMap { position, item in
            guard position < stage * 2 + 1 || random.chance(15) else { return nil }
            switch item {
            case .childProtectionPolicy:
                let reviewed = today.adding(days: -random.int(30...420))
                return ReadinessEntry(item: item, status: stage == 0 ? .partly : .met, evidence: "Seen the policy at a visit", lastReviewed: reviewed)
            case .dbsChecks:
                let total = random.int(3...12)
                let checked = random.int(0...total)
                return ReadinessEntry(item: item, status: Readiness.status(checked: checked, of: total) ?? .unknown, evidence: "Volunteer list checked",
                                      reviewDue: today.adding(days: random.int(-20...400)), checkedCount: checked, totalCount: total)
            case .training:
                return ReadinessEntry(item: item, status: .met, evidence: "Attended basic awareness session", reviewDue: today.adding(days: random.int(-30...700)))
            default:
                return ReadinessEntry(item: item, status: random.chance(75) ? .met : .partly, evidence: "")
            }
        }
    }

    /// A year of engagement: a few unanswered attempts, a first meeting, then regular contact.
    static func engagements(with groupID: UUID, status: GroupStatus, partnershipID: UUID, adviserID: UUID,
                            random: inout Generator, today: CalendarDate, on db: any Database) async throws -> Int {
        var day = today.adding(days: -random.int(200...360))
        var count = 0
        if status == .noLongerExists {
            let values = EngagementValues(occurredOn: day, time: nil, channel: .letter, outcome: .noReply, groupIDs: [groupID], peopleMet: "",
                                          topics: [], notes: "Letter returned marked place of worship no longer exists.", followUpOn: nil, partnershipID: partnershipID)
            _ = try await EngagementStore.create(values, adviserID: adviserID, on: db)
            return 1
        }
        let attempts = random.int(0...4)
        let topics = EngagementTopic.allCases
        while day < today {
            let first = count < attempts
            let channel: EngagementChannel = first ? random.pick([.phone, .phone, .letter, .email, .visit]) : random.pick([.meeting, .visit, .phone, .forum, .training])
            let outcome: EngagementOutcome = first ? random.pick([.noAnswer, .noReply, .didNotAttend, .noAnswer])
                : random.pick([.met, .met, .agreedNextStep, .trainingBooked, .noAnswer])
            let next = day.adding(days: random.int(14...70))
            let values = EngagementValues(
                occurredOn: day, time: channel == .meeting || channel == .forum ? random.pick(["18:30", "19:00", "19:30", "11:00"]) : nil,
                channel: channel, outcome: outcome, groupIDs: [groupID],
                peopleMet: outcome.establishesContact ? random.pick(["The leader and two youth workers", "The chair and the secretary", "Leaders and volunteers", "Eight parents at the weekly meeting"]) : "",
                topics: outcome.establishesContact ? Array(Set([random.pick(topics), random.pick(topics)])).sorted { $0.rawValue < $1.rawValue } : [],
                notes: first && channel == .visit ? "Arrived for the agreed visit; nobody came. Left a leaflet with the caretaker." : "",
                followUpOn: random.chance(60) ? next : nil, partnershipID: partnershipID)
            _ = try await EngagementStore.create(values, adviserID: adviserID, on: db)
            count += 1
            day = next
        }
        return count
    }
}
