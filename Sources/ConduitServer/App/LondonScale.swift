import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// A synthetic data set the size of all 33 London partnerships over ten years, for the
/// benchmarks (issue 7, DESIGN.md "Performance budgets"). It starts from the demo (its
/// accounts sign in as usual) and adds the rest in bulk: many rows to a prepared statement,
/// one transaction per part. Values come from the code lists and pass the same rules as
/// entered records (participants through the register's check, returns through the
/// return rules, audits through the form's cleaning); the distributions are skewed as
/// real ones are: a few large groups and sessions, seasonal training, mostly small counts.
enum LondonScale {
    struct Size: Sendable {
        var groups: Int
        var engagementsPerGroup: Int
        var sessions: Int
        /// Participants of a typical session, before the occasional conference.
        var sessionScale: Int
        var audits: Int
        var years: Int
    }

    static let sizes: [String: Size] = [
        "london": Size(groups: 5_000, engagementsPerGroup: 28, sessions: 20_000, sessionScale: 100, audits: 10_000, years: 10),
        // For CI: every table and code path, a few thousand rows.
        "small": Size(groups: 150, engagementsPerGroup: 6, sessions: 200, sessionScale: 20, audits: 100, years: 3),
    ]

    /// The 33 London local authorities, each with its safeguarding children partnership.
    static let boroughs = [
        "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London", "Croydon", "Ealing", "Enfield",
        "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington",
        "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
        "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
    ]

    /// The account that reads every partnership's directory, registers and statistics as
    /// its own (adviser and viewer in each): it may open every record counted, so its
    /// figures are exact and the benchmark can check them against the SQL (issue 14).
    static let benchReader = "data.lead@conduit.example"

    struct Summary {
        var counts: [(table: String, rows: Int)]
        var seconds: Double
    }

    static func load(on app: Application, scale: String, seed: UInt64) async throws -> Summary {
        guard let size = sizes[scale] else { throw Settings.Problem(description: "--scale must be one of: \(sizes.keys.sorted().joined(separator: ", "))") }
        let started = Date()
        if try await Partnership.query(on: app.db).filter(\.$code == "london").first() != nil {
            throw Settings.Problem(description: "The database already has data: generate the \(scale) data set into a new file (CONDUIT_DATABASE_PATH)")
        }
        try await Demo.load(on: app, withDirectory: false)
        let generator = Generator(app: app, size: size, random: DirectoryDemo.Generator(state: seed),
                                  today: CalendarDate.today(in: Formats.ukTimeZone, now: app.clock.now), hash: try await Passwords.hash(Demo.password, on: app))
        try await generator.partnershipsAndUsers()
        try await generator.groups()
        try await generator.engagements()
        try await generator.training()
        try await generator.audits()
        try await generator.returns()
        let summary = Summary(counts: generator.counts, seconds: Date().timeIntervalSince(started))
        try await AuditTrail.append(.init("demo.load", detail: "\(scale) scale, seed \(seed): "
                                          + summary.counts.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")),
                                    actor: .system, address: nil, at: app.clock.now, on: app.db)
        return summary
    }

    /// The state the parts share: one random source, so a seed makes the same data set, and
    /// what each part leaves for the later ones. A reference, so each part's transaction can
    /// write through it (and it stays in one task).
    final class Generator: @unchecked Sendable {
        let app: Application
        let size: Size
        var random: DirectoryDemo.Generator
        let today: CalendarDate
        let hash: String
        var progress = ProgressBar()
        var counts: [(table: String, rows: Int)] = []

        // What later parts draw on.
        var partnerships: [(id: UUID, code: String, weight: Int)] = []
        var advisers: [UUID: [UUID]] = [:]
        var auditors: [UUID: UUID] = [:]
        var coordinator = UUID()
        var groupsServing: [UUID: [UUID]] = [:]
        var groupNames: [UUID: String] = [:]

        init(app: Application, size: Size, random: DirectoryDemo.Generator, today: CalendarDate, hash: String) {
            self.app = app
            self.size = size
            self.random = random
            self.today = today
            self.hash = hash
        }

        var db: any Database { app.db }
        var start: CalendarDate { today.adding(months: -12 * size.years) }

        func uuid() -> UUID {
            let high = random.next(), low = random.next()
            var bytes = withUnsafeBytes(of: (high, low)) { Array($0) }
            bytes[6] = bytes[6] & 0x0F | 0x40 // version 4
            bytes[8] = bytes[8] & 0x3F | 0x80 // RFC 4122 variant
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }

        /// A day in the data set's years.
        func day() -> CalendarDate { start.adding(days: random.int(0...(size.years * 365 - 1))) }

        /// Picks by weight: `weights[i]` chances in their sum.
        func weighted<T>(_ items: [(T, Int)]) -> T {
            var roll = random.int(0...(items.reduce(0) { $0 + $1.1 } - 1))
            for (item, weight) in items {
                if roll < weight { return item }
                roll -= weight
            }
            return items[items.count - 1].0
        }

        /// One part in one transaction: all of it is written, or none.
        func phase(_ tables: [any BulkTable], body: @escaping @Sendable (Generator, any SQLDatabase) async throws -> Void) async throws {
            try await db.transaction { db in
                let sql = db as! any SQLDatabase
                try await body(self, sql)
                for table in tables { try await table.flush(on: sql) }
            }
            counts += tables.map { ($0.table, $0.written) }
        }
    }
}

/// A partnership's row in `partnerships` (CreatePartnership's columns).
private struct PartnershipRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var name: String
    var code: String
    var kind: String
    var parent_id: UUID
}

/// An account's row in `users`.
private struct UserRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var email: String
    var display_name: String
    var password_hash: String
}

/// A role in a partnership, a row in `memberships`.
private struct MembershipRow: Encodable, Sendable {
    var id: UUID
    var created_at: Date
    var role: String
    var user_id: UUID
    var partnership_id: UUID
    var return_source: String?
}

// The London-scale data set's partnerships and accounts: every borough the demo lacks, and
// in each the advisers, auditor and data leads the later parts name.
extension LondonScale.Generator {
    func partnershipsAndUsers() async throws {
        let existing = try await Partnership.query(on: db).all()
        let london = existing.first { $0.code == "london" }!.id!
        coordinator = try await User.query(on: db).filter(\.$email == "coordinator@conduit.example").first()!.requireID()
        let demoAdviser = try await User.query(on: db).filter(\.$email == "adviser@conduit.example").first()!.requireID()
        let demoAuditor = try await User.query(on: db).filter(\.$email == "auditor@conduit.example").first()!.requireID()
        let now = app.clock.now
        let partnerships = BulkInsert<PartnershipRow>(Partnership.schema)
        let users = BulkInsert<UserRow>(User.schema, after: partnerships)
        let memberships = BulkInsert<MembershipRow>(MembershipRecord.schema, after: users)
        try await phase([partnerships, users, memberships]) { me, sql in
            for name in LondonScale.boroughs {
                let code = name.lowercased().replacingOccurrences(of: " ", with: "-")
                let id: UUID
                if let found = existing.first(where: { $0.code == code }) {
                    id = found.id!
                } else {
                    id = me.uuid()
                    try await partnerships.add(.init(id: id, created_at: now, name: name, code: code, kind: Partnership.Kind.partnership.rawValue, parent_id: london), on: sql)
                }
                // Partnerships differ in size about threefold, as London's child populations do.
                me.partnerships.append((id, code, me.random.int(40...120)))
            }
            try await partnerships.flush(on: sql)
            func user(_ email: String, _ name: String, _ roles: [(UUID, Role, ReturnSource?)], me: LondonScale.Generator) async throws -> UUID {
                let id = me.uuid()
                try await users.add(.init(id: id, created_at: now, email: email, display_name: name, password_hash: me.hash), on: sql)
                for (partnership, role, source) in roles {
                    try await memberships.add(.init(id: me.uuid(), created_at: now, role: role.rawValue, user_id: id, partnership_id: partnership, return_source: source?.rawValue), on: sql)
                }
                return id
            }
            for (id, code, _) in me.partnerships {
                var advisers = code == "camden" ? [demoAdviser] : []
                for number in (advisers.count + 1)...2 {
                    advisers.append(try await user("adviser\(number).\(code)@conduit.example", "\(code.capitalized) adviser \(number)", [(id, .adviser, nil)], me: me))
                }
                me.advisers[id] = advisers
                me.auditors[id] = code == "hackney" ? demoAuditor
                    : try await user("auditor.\(code)@conduit.example", "\(code.capitalized) auditor", [(id, .auditor, nil)], me: me)
                for source in [ReturnSource.localAuthority, .police] where !(code == "camden" && source == .police) {
                    _ = try await user("\(source.rawValue).\(code)@conduit.example", "\(code.capitalized) \(source.title.lowercased()) data lead", [(id, .submitter, source)], me: me)
                }
            }
            for number in 1...4 {
                _ = try await user("coordinator\(number)@conduit.example", "London coordinator \(number)", [(london, .coordinator, nil)], me: me)
            }
            _ = try await user(LondonScale.benchReader, "London data lead", me.partnerships.flatMap { [($0.id, Role.adviser, nil), ($0.id, Role.viewer, nil)] }, me: me)
        }
    }
}

/// A group's row in `organisations`.
private struct GroupRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var updated_at: Date
    var name: String
    var name_key: String
    var type: String
    var faith: String?
    var denomination: String
    var address: String
    var postcode: String
    var postcode_key: String?
    var phone: String
    var phone_key: String?
    var email: String
    var meeting_times: String
    var status: String
    var status_confirmed_on: String
    var how_found: String
    var notes: String
    var partnership_id: UUID
}

/// A partnership a group serves, a row in `organisation_partnerships`.
private struct ServedRow: Encodable, Sendable {
    var organisation_id: UUID
    var partnership_id: UUID
}

/// A language or community of a group, with the folded key it is matched by.
private struct FoldedNameRow: Encodable, Sendable {
    var organisation_id: UUID
    var name: String
    var name_key: String
}

/// A group's contact, a row in `contacts`.
private struct ContactRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var updated_at: Date
    var name: String
    var role: String
    var role_detail: String
    var phone: String
    var email: String
    var preferred_language: String
    var notes: String
    var organisation_id: UUID
}

/// One item of a group's readiness, a row in `readiness_items`.
private struct ReadinessRow: Encodable, Sendable {
    var id: UUID
    var updated_at: Date
    var item: String
    var status: String
    var evidence: String
    var last_reviewed_on: String?
    var review_due_on: String?
    var due_on: String?
    var checked_count: Int?
    var total_count: Int?
    var organisation_id: UUID
}

// The London-scale directory: groups of the kinds and communities London's partnerships
// work with, a few serving several partnerships, each with contacts and readiness.
extension LondonScale.Generator {
    static let communities: [(name: String, code: String, language: String, faiths: [Faith])] = [
        ("Somali", "BAFR", "Somali", [.muslim]), ("Eritrean", "BAFR", "Tigrinya", [.christian, .muslim]), ("Nigerian", "BAFR", "Yoruba", [.christian, .muslim]),
        ("Ghanaian", "BAFR", "Twi", [.christian]), ("Congolese", "BAFR", "Lingala", [.christian]), ("Sudanese", "BAFR", "Arabic", [.muslim]),
        ("Ethiopian", "BAFR", "Amharic", [.christian]), ("Sierra Leonean", "BAFR", "Krio", [.christian, .muslim]), ("Jamaican", "BCRB", "English", [.christian, .rastafarian]),
        ("Bangladeshi", "ABAN", "Bengali", [.muslim]), ("Pakistani", "APKN", "Urdu", [.muslim]), ("Indian", "AIND", "Gujarati", [.hindu, .sikh, .muslim]),
        ("Punjabi", "AIND", "Punjabi", [.sikh]), ("Tamil", "AOTH", "Tamil", [.hindu, .christian]), ("Afghan", "AOTH", "Dari", [.muslim]),
        ("Vietnamese", "AOTH", "Vietnamese", [.buddhist, .christian]), ("Chinese", "CHNE", "Cantonese", [.buddhist, .christian]), ("Filipino", "AOTH", "Tagalog", [.christian]),
        ("Polish", "WOTH", "Polish", [.christian]), ("Romanian", "WOTH", "Romanian", [.christian]), ("Albanian", "WOTH", "Albanian", [.muslim]),
        ("Kosovan", "WOTH", "Albanian", [.muslim]), ("Turkish", "WOTH", "Turkish", [.muslim]), ("Portuguese", "WOTH", "Portuguese", [.christian]),
        ("Irish", "WIRI", "English", [.christian]), ("Kurdish", "OOTH", "Kurdish", [.muslim]), ("Iraqi", "OOTH", "Arabic", [.muslim]),
        ("Yemeni", "OOTH", "Arabic", [.muslim]), ("Moroccan", "OOTH", "Arabic", [.muslim]), ("Brazilian", "OOTH", "Portuguese", [.christian]),
        ("Colombian", "OOTH", "Spanish", [.christian]), ("Jewish", "WOTH", "Hebrew", [.jewish]),
    ]
    static let places = ["Kilburn", "Tottenham", "Peckham", "Whitechapel", "Southall", "Wembley", "Edmonton", "Stratford", "Brixton", "Lewisham",
                         "Harlesden", "Walthamstow", "Ilford", "Croydon", "Hounslow", "Woolwich", "Dalston", "Finsbury Park", "Acton", "Streatham",
                         "Barking", "Hayes", "Mitcham", "Holloway", "Kentish Town", "Deptford", "Plumstead", "Leyton", "Harrow Road", "Wood Green"]
    static let saints = ["St Mary", "St John", "St Michael", "St George", "Holy Trinity", "Christ Church", "St Andrew", "Emmanuel", "St Peter", "All Saints"]

    func groupName(_ type: GroupType, _ faith: Faith?, _ community: String) -> String {
        let place = random.pick(Self.places)
        switch (type, faith) {
        case (.placeOfWorship, .muslim?): return random.pick(["\(place) Mosque", "\(place) Islamic Centre", "Masjid \(random.pick(["Al-Noor", "Ar-Rahman", "Al-Huda", "Taqwa", "Bilal"])) \(place)"])
        case (.placeOfWorship, .hindu?): return "Shri \(random.pick(["Ganesh", "Krishna", "Murugan", "Swaminarayan"])) Temple \(place)"
        case (.placeOfWorship, .sikh?): return "Gurdwara Sri Guru Singh Sabha \(place)"
        case (.placeOfWorship, .jewish?): return "\(place) Synagogue"
        case (.placeOfWorship, .buddhist?): return "\(place) Buddhist Centre"
        case (.placeOfWorship, _): return random.pick(["\(random.pick(Self.saints)) Church \(place)", "\(community) \(random.pick(["Pentecostal", "Orthodox", "Evangelical", "Catholic"])) Church \(place)",
                                                      "\(random.pick(["Victory", "Grace", "Redeemed", "New Covenant", "Mountain of Fire"])) Chapel \(place)"])
        case (.faithGroup, _): return "\(community) \(random.pick(["Women's Prayer Group", "Bible Fellowship", "Faith Circle", "Youth Fellowship"])) \(place)"
        case (.supplementarySchool, .muslim?): return "\(place) Madrasa"
        case (.supplementarySchool, _): return "\(community) \(random.pick(["Saturday School", "Language School", "Supplementary School"])) \(place)"
        case (.youthGroup, _): return "\(community) Youth \(random.pick(["Club", "Project", "Forum"])) \(place)"
        case (.voluntaryAgency, _): return "\(community) \(random.pick(["Advice Centre", "Refugee Support", "Welfare Association"])) \(place)"
        default: return "\(community) \(random.pick(["Community Association", "Women's Forum", "Elders Group", "Parents Group", "Cultural Centre"])) \(place)"
        }
    }

    func groups() async throws {
        let total = size.groups
        let now = app.clock.now
        let groups = BulkInsert<GroupRow>(Organisation.schema)
        let served = BulkInsert<ServedRow>(DirectoryTables.served, after: groups)
        let languages = BulkInsert<FoldedNameRow>(DirectoryTables.languages, after: groups)
        let communities = BulkInsert<FoldedNameRow>(DirectoryTables.communities, after: groups)
        let contacts = BulkInsert<ContactRow>(Contact.schema, after: groups)
        let readiness = BulkInsert<ReadinessRow>(ReadinessRecord.schema, after: groups)
        try await phase([groups, served, languages, communities, contacts, readiness]) { me, sql in
            let byWeight = me.partnerships.map { ($0, $0.weight) }
            let outwards = ["N", "NW", "E", "SE", "SW", "W", "EC", "WC", "HA", "UB", "TW", "IG", "RM", "CR", "BR", "EN", "KT", "SM", "DA"]
            for index in 0..<total {
                let owner = me.weighted(byWeight)
                let community = me.random.pick(Self.communities)
                let type = me.weighted([(GroupType.placeOfWorship, 35), (.faithGroup, 12), (.communityGroup, 25), (.supplementarySchool, 12),
                                        (.voluntaryAgency, 8), (.youthGroup, 6), (.statutoryService, 2)])
                let faith: Faith? = [.placeOfWorship, .faithGroup].contains(type) || (type == .supplementarySchool && me.random.chance(50))
                    ? me.random.pick(community.faiths) : type == .statutoryService ? nil : .notFaithBased
                // A group crosses borough boundaries now and then: one record, several partnerships served.
                var servedBy = [owner.id]
                if me.random.chance(15) {
                    for _ in 0..<me.random.int(1...3) {
                        let other = me.weighted(byWeight).id
                        if !servedBy.contains(other) { servedBy.append(other) }
                    }
                }
                let name = me.groupName(type, faith, community.name)
                let postcode = "\(me.random.pick(outwards))\(me.random.int(1...20)) \(me.random.int(1...9))\(me.random.pick(Array("ABDEFGHJLNPQRSTUWXYZ")))\(me.random.pick(Array("ABDEFGHJLNPQRSTUWXYZ")))"
                let phone = String(format: "020 7946 %04d", index % 10_000)
                let status = me.weighted([(GroupStatus.active, 80), (.dormant, 8), (.moved, 4), (.noLongerExists, 4), (.unknown, 4)])
                let id = me.uuid()
                try await groups.add(.init(id: id, created_at: now, updated_at: now, name: name, name_key: GroupMatching.fold(name), type: type.rawValue, faith: faith?.rawValue,
                                           denomination: "", address: "\(me.random.int(1...400)) High Road, London", postcode: postcode, postcode_key: Postcode.key(postcode),
                                           phone: phone, phone_key: PhoneNumber.key(phone), email: "",
                                           meeting_times: me.random.pick(["Fridays 13:00", "Sundays 10:00 to 13:00", "Saturdays 10:00 to 14:00", "Weekday evenings", ""]),
                                           status: status.rawValue, status_confirmed_on: me.today.adding(days: -me.random.int(10...900)).description,
                                           how_found: me.random.pick(["Interfaith forum list", "Leaflet at a community event", "Referral by a school", "Council's voluntary sector directory"]),
                                           notes: "", partnership_id: owner.id), on: sql)
                for partnership in servedBy {
                    try await served.add(.init(organisation_id: id, partnership_id: partnership), on: sql)
                    me.groupsServing[partnership, default: []].append(id)
                }
                me.groupNames[id] = name
                var spoken = [community.language]
                if community.language != "English" && me.random.chance(60) { spoken.append("English") }
                for language in spoken { try await languages.add(.init(organisation_id: id, name: language, name_key: GroupMatching.fold(language)), on: sql) }
                try await communities.add(.init(organisation_id: id, name: community.name, name_key: GroupMatching.fold(community.name)), on: sql)
                for number in 0..<me.random.int(1...2) {
                    try await contacts.add(me.contact(number, of: id, index: index, faith: faith, language: community.language, at: now), on: sql)
                }
                for entry in DirectoryDemo.readiness(for: index, random: &me.random, today: me.today) {
                    try await readiness.add(.init(id: me.uuid(), updated_at: now, item: entry.item.rawValue, status: entry.status.rawValue, evidence: entry.evidence,
                                                  last_reviewed_on: entry.lastReviewed?.description, review_due_on: entry.reviewDue?.description,
                                                  due_on: Readiness.dueDate(of: entry)?.description, checked_count: entry.checkedCount, total_count: entry.totalCount,
                                                  organisation_id: id), on: sql)
                }
                me.progress.show("groups", done: index + 1, of: total)
            }
        }
    }

    /// The group's leader first (imam, pastor or chair, by its faith), then its safeguarding lead.
    private func contact(_ number: Int, of group: UUID, index: Int, faith: Faith?, language: String, at now: Date) -> ContactRow {
        let role = faith == .muslim ? ContactRole.imam : faith == .christian ? .pastor : .chair
        return ContactRow(id: uuid(), created_at: now, updated_at: now,
                          name: "\(random.pick(["A.", "B.", "F.", "K.", "M.", "S.", "T."])) \(random.pick(["Ahmed", "Okafor", "Begum", "Mensah", "Kowalski", "Singh", "Nguyen", "Hassan", "Patel", "Yilmaz"]))",
                          role: (number == 0 ? role : .safeguardingLead).rawValue, role_detail: "", phone: String(format: "07700 900%03d", (index * 3 + number) % 1000),
                          email: "", preferred_language: language, notes: "", organisation_id: group)
    }
}

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

/// A file audit, a row in `file_audits`.
private struct FileAuditRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var updated_at: Date
    var file_reference: String
    var audited_on: String
    var status: String
    var submitted_at: Date?
    var form_id: UUID
    var partnership_id: UUID
    var auditor_id: UUID
    var record_key: Int
}

/// One value of an answer (a question with several values has a row for each), a row in `file_audit_answers`.
private struct AnswerRow: Encodable, Sendable {
    var audit_id: UUID
    var question_key: String
    var position: Int
    var value: String
    var follow_up: String?
}

/// A category of abuse the audited file concerns, a row in `file_audit_categories`.
private struct CategoryRow: Encodable, Sendable {
    var audit_id: UUID
    var category: String
}

/// A section's rating, a row in `file_audit_ratings`.
private struct RatingRow: Encodable, Sendable {
    var audit_id: UUID
    var section_key: String
    var rating: String
    var reason: String
}

// The London-scale file audits: the demo's audit tool filled in for files of seed 004's mix
// of categories, kept as AuditStore.save keeps an answer.
extension LondonScale.Generator {
    func audits() async throws {
        guard let form = try await StoredForm.query(on: db).filter(\.$key == "file-audit-tool").sort(\.$version, .descending).first() else { return }
        let definition = try AuditStore.definition(of: form)
        let formID = try form.requireID()
        let now = app.clock.now
        let total = size.audits
        let audits = BulkInsert<FileAuditRow>(FileAudit.schema)
        let answers = BulkInsert<AnswerRow>(AuditTables.answers, after: audits)
        let categories = BulkInsert<CategoryRow>(AuditTables.categories, after: audits)
        let ratings = BulkInsert<RatingRow>(AuditTables.ratings, after: audits)
        try await phase([audits, answers, categories, ratings]) { me, sql in
            let byWeight = me.partnerships.map { ($0, $0.weight) }
            // Seed 004's mix: mostly spirit possession and trafficking, a few files with two categories.
            let mix: [(AbuseCategory, Int)] = [(.abuseLinkedToFaithOrBelief, 40), (.trafficking, 25), (.femaleGenitalMutilation, 10), (.honourBasedAbuse, 8),
                                               (.forcedMarriage, 4), (.childSexualExploitation, 7), (.childCriminalExploitation, 6)]
            for index in 0..<total {
                let partnership = me.weighted(byWeight)
                var concerns: Set<AbuseCategory> = [me.weighted(mix)]
                if me.random.chance(5) { concerns.insert(me.weighted(mix)) }
                let date = me.day()
                let id = me.uuid()
                let submitted = me.random.chance(95)
                try await audits.add(.init(id: id, created_at: now, updated_at: now, file_reference: "\(partnership.code.prefix(3).uppercased())/\(date.year)/\(String(format: "%05d", index + 1))",
                                           audited_on: date.description, status: submitted ? "submitted" : "draft", submitted_at: submitted ? date.start(in: Formats.ukTimeZone) : nil,
                                           form_id: formID, partnership_id: partnership.id, auditor_id: me.auditors[partnership.id]!, record_key: RecordKey.random()), on: sql)
                let (filled, rated) = AuditDemo.filledIn(definition, categories: concerns, on: date, random: &me.random)
                // What AuditStore.save keeps: answers to questions that apply, nothing else.
                let kept = FormValidation.cleaned(filled, for: definition)
                for (key, answer) in kept.sorted(by: { $0.key < $1.key }) {
                    for (position, value) in (answer.values.isEmpty ? [""] : answer.values).enumerated() {
                        try await answers.add(.init(audit_id: id, question_key: key, position: position, value: value, follow_up: position == 0 ? answer.followUp : nil), on: sql)
                    }
                }
                for category in concerns.map(\.rawValue).sorted() { try await categories.add(.init(audit_id: id, category: category), on: sql) }
                for rating in rated { try await ratings.add(.init(audit_id: id, section_key: rating.section, rating: rating.rating.rawValue, reason: rating.reason), on: sql) }
                me.progress.show("file audits", done: index + 1, of: total)
            }
        }
    }
}

/// A quarterly return, a row in `returns`.
private struct ReturnRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var updated_at: Date
    var period_key: String
    var source: String
    var status: String
    var note: String
    var comment: String
    var first_submitted_on: String?
    var submitted_at: Date?
    var approved_at: Date?
    var partnership_id: UUID
    var entered_by: UUID?
    var approved_by: UUID?
}

/// One figure of a return, a row in `return_cells`.
private struct CellRow: Encodable, Sendable {
    var return_id: UUID
    var category: String
    var breakdown: String
    var count: Int
    var record_key: Int
}

/// A partnership's child population in a year, the denominator of its rates, a row in `child_populations`.
private struct PopulationRow: Encodable, Sendable {
    var partnership_id: UUID
    var year: Int
    var children: Int
    var source: String
}

// The London-scale returns: every partnership's quarters from each source, the last quarter
// still coming in, each return through the return rules as on submission.
extension LondonScale.Generator {
    func returns() async throws {
        let last = ReportingPeriod.quarter(containing: today).previous
        let quarters = ReportingPeriod.quarters(from: last.advanced(by: -(size.years * 4 - 1)), through: last)
        let now = app.clock.now
        let total = partnerships.count * quarters.count
        let returns = BulkInsert<ReturnRow>(Return.schema)
        let cellRows = BulkInsert<CellRow>(ReturnTables.cells, after: returns)
        let populations = BulkInsert<PopulationRow>(ReturnTables.populations, after: returns)
        try await phase([returns, cellRows, populations]) { me, sql in
            var done = 0
            for partnership in me.partnerships {
                var lastYear: [String: [AbuseCategory: Int]] = [:]
                for year in Set(quarters.map(\.startYear)).sorted() {
                    try await populations.add(.init(partnership_id: partnership.id, year: year, children: partnership.weight * 800 + me.random.int(0...2_000),
                                                    source: "Synthetic figures, not official estimates"), on: sql)
                }
                for quarter in quarters {
                    for source in ReturnSource.allCases {
                        let isLast = quarter == last
                        if isLast && me.random.chance(12) { continue }
                        if source == .community && me.random.chance(50) { continue }
                        let status: ReturnStatus = isLast ? me.random.pick([.approved, .approved, .submitted, .draft]) : .approved
                        let cells = ReturnsDemo.cells(source, random: &me.random)
                        // The return rules as on submission: figures in range, breakdowns adding up, a note for a jump.
                        let baseline = lastYear["\(quarter.samePeriodLastYear.key) \(source.rawValue)"] ?? [:]
                        var note = ""
                        if !ReturnValidation.jumps(in: cells, lastYear: baseline).isEmpty { note = "A change in how cases are recorded this quarter" }
                        let problems = ReturnValidation.problems(for: cells, lastYear: baseline, note: note)
                        guard problems.isEmpty else { throw Settings.Problem(description: "Generated return refused: \(problems)") }
                        lastYear["\(quarter.key) \(source.rawValue)"] = Dictionary(uniqueKeysWithValues: AbuseCategory.allCases.map { ($0, cells[ReturnCellKey(category: $0, breakdown: .total)] ?? 0) })
                        let submittedOn = status == .draft ? nil : min(quarter.defaultDeadline.adding(days: me.random.chance(15) ? me.random.int(1...40) : -me.random.int(0...25)), me.today)
                        let id = me.uuid()
                        let submittedAt = submittedOn?.start(in: Formats.ukTimeZone)
                        let approved = status == .approved
                        try await returns.add(.init(id: id, created_at: now, updated_at: now, period_key: quarter.key, source: source.rawValue, status: status.rawValue,
                                                    note: note, comment: "", first_submitted_on: submittedOn?.description, submitted_at: submittedAt,
                                                    approved_at: approved ? submittedAt : nil, partnership_id: partnership.id, entered_by: nil,
                                                    approved_by: approved ? me.coordinator : nil), on: sql)
                        for (key, count) in cells.sorted(by: { $0.key.fieldName < $1.key.fieldName }) {
                            try await cellRows.add(.init(return_id: id, category: key.category.rawValue, breakdown: key.breakdown.key, count: count, record_key: RecordKey.random()), on: sql)
                        }
                    }
                    done += 1
                    me.progress.show("quarterly returns (partnership quarters)", done: done, of: total)
                }
            }
        }
    }
}
