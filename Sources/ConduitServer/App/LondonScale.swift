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

    /// A reference, so each part's transaction can write through it (and it stays in one task).
    private final class Generator: @unchecked Sendable {
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
        func phase(_ tables: [BulkInsert], body: @escaping @Sendable (Generator, [BulkInsert], any SQLDatabase) async throws -> Void) async throws {
            try await db.transaction { db in
                let sql = db as! any SQLDatabase
                try await body(self, tables, sql)
                for table in tables { try await table.flush(on: sql) }
            }
            counts += tables.map { ($0.table, $0.written) }
        }

        // MARK: partnerships and users

        func partnershipsAndUsers() async throws {
            let existing = try await Partnership.query(on: db).all()
            let london = existing.first { $0.code == "london" }!.id!
            coordinator = try await User.query(on: db).filter(\.$email == "coordinator@conduit.example").first()!.requireID()
            let demoAdviser = try await User.query(on: db).filter(\.$email == "adviser@conduit.example").first()!.requireID()
            let demoAuditor = try await User.query(on: db).filter(\.$email == "auditor@conduit.example").first()!.requireID()
            let now = app.clock.now
            let parent = BulkInsert(Partnership.schema, columns: ["id", "version", "created_at", "name", "code", "kind", "parent_id"])
            let users = BulkInsert(User.schema, columns: ["id", "version", "created_at", "email", "display_name", "password_hash"], after: parent)
            try await phase([
                parent,
                users,
                BulkInsert(MembershipRecord.schema, columns: ["id", "created_at", "role", "user_id", "partnership_id", "return_source"], after: users),
            ]) { me, tables, sql in
                for name in boroughs {
                    let code = name.lowercased().replacingOccurrences(of: " ", with: "-")
                    let id: UUID
                    if let found = existing.first(where: { $0.code == code }) {
                        id = found.id!
                    } else {
                        id = me.uuid()
                        try await tables[0].add([id, 1, now, name, code, Partnership.Kind.partnership.rawValue, london], on: sql)
                    }
                    // Partnerships differ in size about threefold, as London's child populations do.
                    me.partnerships.append((id, code, me.random.int(40...120)))
                }
                try await tables[0].flush(on: sql)
                func user(_ email: String, _ name: String, _ memberships: [(UUID, Role, ReturnSource?)], me: Generator) async throws -> UUID {
                    let id = me.uuid()
                    try await tables[1].add([id, 1, now, email, name, me.hash], on: sql)
                    for (partnership, role, source) in memberships {
                        try await tables[2].add([me.uuid(), now, role.rawValue, id, partnership, source?.rawValue], on: sql)
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
                _ = try await user(benchReader, "London data lead", me.partnerships.flatMap { [($0.id, Role.adviser, nil), ($0.id, Role.viewer, nil)] }, me: me)
            }
        }

        // MARK: directory

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
            let parent = BulkInsert(CommunityGroup.schema, columns: ["id", "version", "created_at", "updated_at", "name", "name_key", "type", "faith", "denomination", "address",
                                                          "postcode", "postcode_key", "phone", "phone_key", "email", "meeting_times", "status", "status_confirmed_on",
                                                          "how_found", "notes", "partnership_id"])
            try await phase([
                parent,
                BulkInsert(DirectoryTables.served, columns: ["organisation_id", "partnership_id"], after: parent),
                BulkInsert(DirectoryTables.languages, columns: ["organisation_id", "name", "name_key"], after: parent),
                BulkInsert(DirectoryTables.communities, columns: ["organisation_id", "name", "name_key"], after: parent),
                BulkInsert(Contact.schema, columns: ["id", "version", "created_at", "updated_at", "name", "role", "role_detail", "phone", "email", "preferred_language",
                                                     "notes", "organisation_id"], after: parent),
                BulkInsert(ReadinessRecord.schema, columns: ["id", "updated_at", "item", "status", "evidence", "last_reviewed_on", "review_due_on", "due_on",
                                                             "checked_count", "total_count", "organisation_id"], after: parent),
            ]) { me, tables, sql in
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
                    var served = [owner.id]
                    if me.random.chance(15) {
                        for _ in 0..<me.random.int(1...3) {
                            let other = me.weighted(byWeight).id
                            if !served.contains(other) { served.append(other) }
                        }
                    }
                    let name = me.groupName(type, faith, community.name)
                    let postcode = "\(me.random.pick(outwards))\(me.random.int(1...20)) \(me.random.int(1...9))\(me.random.pick(Array("ABDEFGHJLNPQRSTUWXYZ")))\(me.random.pick(Array("ABDEFGHJLNPQRSTUWXYZ")))"
                    let phone = String(format: "020 7946 %04d", index % 10_000)
                    let status = me.weighted([(GroupStatus.active, 80), (.dormant, 8), (.moved, 4), (.noLongerExists, 4), (.unknown, 4)])
                    let id = me.uuid()
                    try await tables[0].add([id, 1, now, now, name, GroupMatching.fold(name), type.rawValue, faith?.rawValue, "", "\(me.random.int(1...400)) High Road, London",
                                             postcode, Postcode.key(postcode), phone, PhoneNumber.key(phone), "", me.random.pick(["Fridays 13:00", "Sundays 10:00 to 13:00", "Saturdays 10:00 to 14:00", "Weekday evenings", ""]),
                                             status.rawValue, me.today.adding(days: -me.random.int(10...900)).description,
                                             me.random.pick(["Interfaith forum list", "Leaflet at a community event", "Referral by a school", "Council's voluntary sector directory"]), "", owner.id], on: sql)
                    for partnership in served {
                        try await tables[1].add([id, partnership], on: sql)
                        me.groupsServing[partnership, default: []].append(id)
                    }
                    me.groupNames[id] = name
                    var languages = [community.language]
                    if community.language != "English" && me.random.chance(60) { languages.append("English") }
                    for language in languages { try await tables[2].add([id, language, GroupMatching.fold(language)], on: sql) }
                    try await tables[3].add([id, community.name, GroupMatching.fold(community.name)], on: sql)
                    for number in 0..<me.random.int(1...2) {
                        let role = faith == .muslim ? ContactRole.imam : faith == .christian ? .pastor : .chair
                        try await tables[4].add([me.uuid(), 1, now, now, "\(me.random.pick(["A.", "B.", "F.", "K.", "M.", "S.", "T."])) \(me.random.pick(["Ahmed", "Okafor", "Begum", "Mensah", "Kowalski", "Singh", "Nguyen", "Hassan", "Patel", "Yilmaz"]))",
                                                 (number == 0 ? role : .safeguardingLead).rawValue, "", String(format: "07700 900%03d", (index * 3 + number) % 1000), "",
                                                 community.language, "", id], on: sql)
                    }
                    for entry in DirectoryDemo.readiness(for: index, random: &me.random, today: me.today) {
                        try await tables[5].add([me.uuid(), now, entry.item.rawValue, entry.status.rawValue, entry.evidence, entry.lastReviewed?.description,
                                                 entry.reviewDue?.description, Readiness.dueDate(of: entry)?.description, entry.checkedCount, entry.totalCount, id], on: sql)
                    }
                    me.progress.show("groups", done: index + 1, of: total)
                }
            }
        }

        // MARK: engagement

        func engagements() async throws {
            let owners = Dictionary(partnerships.flatMap { partnership in (groupsServing[partnership.id] ?? []).map { ($0, partnership.id) } }, uniquingKeysWith: { first, _ in first })
            let groups = groupNames.keys.sorted { $0.uuidString < $1.uuidString }
            let now = app.clock.now
            let parent = BulkInsert(Engagement.schema, columns: ["id", "version", "created_at", "updated_at", "occurred_on", "occurred_at_time", "channel", "outcome", "people_met",
                                                        "notes", "follow_up_on", "follow_up_done", "partnership_id", "adviser_id", "record_key"])
            try await phase([
                parent,
                BulkInsert(EngagementTables.groups, columns: ["engagement_id", "organisation_id"], after: parent),
                BulkInsert(EngagementTables.topics, columns: ["engagement_id", "topic"], after: parent),
            ]) { me, tables, sql in
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
                        try await tables[0].add([id, 1, now, now, day.description, channel == .meeting || channel == .forum ? me.random.pick(["18:30", "19:00", "19:30", "11:00"]) : nil,
                                                 channel.rawValue, outcome.rawValue, outcome.establishesContact ? "Leaders and volunteers" : "", "",
                                                 followUp?.description, done, partnership, adviser, RecordKey.random()], on: sql)
                        try await tables[1].add([id, group], on: sql)
                        if outcome.establishesContact {
                            for topic in Set([me.random.pick(topics), me.random.pick(topics)]) { try await tables[2].add([id, topic.rawValue], on: sql) }
                        }
                        day = next
                    }
                    me.progress.show("engagements (groups done)", done: index + 1, of: groups.count)
                }
            }
        }

        // MARK: training

        func training() async throws {
            let now = app.clock.now
            let partnershipIDs = partnerships.map(\.id)
            let byWeight = partnerships.map { ($0.id, $0.weight) }
            let groupSet = Set(groupNames.keys)
            let partnershipSet = Set(partnershipIDs)
            let total = size.sessions
            let rounds = BulkInsert(TrainingRound.schema, columns: ["id", "version", "created_at", "name", "budget_pence", "starts_on", "ends_on", "partnership_id"])
            let sessions = BulkInsert(TrainingSession.schema, columns: ["id", "version", "created_at", "updated_at", "title", "audience", "session_on", "starts_at", "ends_at", "venue",
                                                                        "languages", "interpreter", "capacity", "cost_pence", "learning_outcomes", "notes", "next_reference",
                                                                        "partnership_id", "organiser_id", "round_id"], after: rounds)
            try await phase([
                rounds,
                sessions,
                BulkInsert(TrainingTables.topics, columns: ["session_id", "topic"], after: sessions),
                BulkInsert(TrainingTables.partners, columns: ["session_id", "organisation_id", "name"], after: sessions),
                BulkInsert(Attendance.schema, columns: ["id", "created_at", "number", "name", "referring_text", "ethnicity_code", "ethnicity_major", "ethnicity_detail",
                                                        "gender", "age_band", "role", "status", "session_id", "referring_organisation_id", "residence_partnership_id",
                                                        "record_key"], after: sessions),
            ]) { me, tables, sql in
                // A funded round per partnership and financial year.
                var rounds: [String: UUID] = [:]
                for partnership in partnershipIDs {
                    for year in (me.start.year - 1)...me.today.year {
                        let id = me.uuid()
                        rounds["\(partnership) \(year)"] = id
                        try await tables[0].add([id, 1, now, "Community safeguarding training \(year)-\(String(year + 1).suffix(2))", me.random.int(20...90) * 10_000,
                                                 "\(year)-04-01", "\(year + 1)-03-31", partnership], on: sql)
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
                    let round = me.random.chance(50) ? rounds["\(partnership) \(date.month >= 4 ? date.year : date.year - 1)"] : nil
                    let evening = me.random.chance(70)
                    try await tables[1].add([id, 1, now, now, plan.title, me.random.pick(TrainingAudience.allCases).rawValue, date.description,
                                             evening ? "18:30" : "10:00", evening ? "20:30" : "13:00", "\(me.random.pick(Self.places)) \(me.random.pick(["Community Centre", "Library", "Mosque hall", "Church hall"]))",
                                             me.random.pick(["English", "English, Somali", "English, Bengali", "Arabic", "English, Polish"]), me.random.chance(30), people + me.random.int(0...10),
                                             me.random.int(0...60) * 1_000, "", "", people + 1, partnership, me.random.pick(me.advisers[partnership]!), round], on: sql)
                    for topic in plan.topics { try await tables[2].add([id, topic.rawValue], on: sql) }
                    let local = me.groupsServing[partnership] ?? []
                    if !local.isEmpty && me.random.chance(40) {
                        let partner = me.random.pick(local)
                        try await tables[3].add([id, partner, me.groupNames[partner]!], on: sql)
                    }
                    for number in 1...max(1, people) {
                        let community = me.random.pick(Self.communities)
                        let referrer = !local.isEmpty && me.random.chance(75) ? me.random.pick(local) : nil
                        // The register's own check, as for a participant entered at the door.
                        let input = AttendanceInput(
                            name: "", referringOrganisationID: referrer,
                            referringText: referrer == nil ? me.random.pick(["Children's centre", "School", "GP surgery", "Housing association", "Social worker", "Self"]) : "",
                            ethnicity: me.random.chance(92) ? community.code : "", ethnicityDetail: me.random.chance(70) ? community.name : "",
                            gender: me.weighted([(Gender.female, 62), (.male, 34), (.preferNotToSay, 2), (.notKnown, 2)]).rawValue,
                            ageBand: me.weighted([(AgeBand.from16To17, 3), (.from18To24, 10), (.from25To34, 25), (.from35To44, 28), (.from45To54, 18), (.from55To64, 9), (.from65, 4), (.notKnown, 3)]).rawValue,
                            residencePartnershipID: me.random.chance(85) ? partnership : me.random.pick(partnershipIDs),
                            role: me.weighted([(ParticipantRole.parentOrCarer, 40), (.communityMember, 25), (.faithLeader, 10), (.volunteer, 12), (.professional, 8), (.youngPerson, 5)]).rawValue,
                            status: (me.random.chance(90) ? AttendanceStatus.attended : .didNotAttend).rawValue)
                        let (values, problems) = input.validate(groups: groupSet, partnerships: partnershipSet)
                        guard let values, problems.isEmpty else { throw Settings.Problem(description: "Generated participant refused: \(problems)") }
                        try await tables[4].add([me.uuid(), now, number, values.name, values.referringText, values.ethnicity?.code, values.ethnicity?.major.rawValue,
                                                 values.ethnicityDetail, values.gender.rawValue, values.ageBand.rawValue, values.role.rawValue, values.status.rawValue,
                                                 id, values.referringOrganisationID, values.residencePartnershipID, RecordKey.random()], on: sql)
                    }
                    me.progress.show("training sessions", done: index + 1, of: total)
                }
            }
        }

        // MARK: file audits

        func audits() async throws {
            guard let form = try await StoredForm.query(on: db).filter(\.$key == "file-audit-tool").sort(\.$version, .descending).first() else { return }
            let definition = try FormStore.definition(of: form)
            let formID = try form.requireID()
            let now = app.clock.now
            let total = size.audits
            let parent = BulkInsert(FormResponse.schema, columns: ["id", "version", "created_at", "updated_at", "file_reference", "audited_on", "status", "submitted_at", "form_id",
                                                       "partnership_id", "auditor_id", "record_key"])
            try await phase([
                parent,
                BulkInsert(FormTables.answers, columns: ["audit_id", "question_key", "position", "value", "follow_up"], after: parent),
                BulkInsert(FormTables.categories, columns: ["audit_id", "category"], after: parent),
                BulkInsert(FormTables.ratings, columns: ["audit_id", "section_key", "rating", "reason"], after: parent),
            ]) { me, tables, sql in
                let byWeight = me.partnerships.map { ($0, $0.weight) }
                // Seed 004's mix: mostly spirit possession and trafficking, a few files with two categories.
                let mix: [(AbuseCategory, Int)] = [(.abuseLinkedToFaithOrBelief, 40), (.trafficking, 25), (.femaleGenitalMutilation, 10), (.honourBasedAbuse, 8),
                                                   (.forcedMarriage, 4), (.childSexualExploitation, 7), (.childCriminalExploitation, 6)]
                for index in 0..<total {
                    let partnership = me.weighted(byWeight)
                    var categories: Set<AbuseCategory> = [me.weighted(mix)]
                    if me.random.chance(5) { categories.insert(me.weighted(mix)) }
                    let date = me.day()
                    let id = me.uuid()
                    let submitted = me.random.chance(95)
                    try await tables[0].add([id, 1, now, now, "\(partnership.code.prefix(3).uppercased())/\(date.year)/\(String(format: "%05d", index + 1))", date.description,
                                             submitted ? "submitted" : "draft", submitted ? date.start(in: Formats.ukTimeZone) : nil, formID, partnership.id,
                                             me.auditors[partnership.id]!, RecordKey.random()], on: sql)
                    let (answers, ratings) = AuditDemo.filledIn(definition, categories: categories, on: date, random: &me.random)
                    // What FormStore.save keeps: answers to questions that apply, nothing else.
                    let kept = FormValidation.cleaned(answers, for: definition)
                    for (key, answer) in kept.sorted(by: { $0.key < $1.key }) {
                        for (position, value) in (answer.values.isEmpty ? [""] : answer.values).enumerated() {
                            try await tables[1].add([id, key, position, value, position == 0 ? answer.followUp : nil], on: sql)
                        }
                    }
                    for category in categories.map(\.rawValue).sorted() { try await tables[2].add([id, category], on: sql) }
                    for rating in ratings { try await tables[3].add([id, rating.section, rating.rating.rawValue, rating.reason], on: sql) }
                    me.progress.show("file audits", done: index + 1, of: total)
                }
            }
        }

        // MARK: returns

        func returns() async throws {
            let last = ReportingPeriod.quarter(containing: today).previous
            let quarters = ReportingPeriod.quarters(from: last.advanced(by: -(size.years * 4 - 1)), through: last)
            let now = app.clock.now
            let total = partnerships.count * quarters.count
            let parent = BulkInsert(Return.schema, columns: ["id", "version", "created_at", "updated_at", "period_key", "source", "status", "note", "comment", "first_submitted_on",
                                                    "submitted_at", "approved_at", "partnership_id", "entered_by", "approved_by"])
            try await phase([
                parent,
                BulkInsert(ReturnTables.cells, columns: ["return_id", "category", "breakdown", "count", "record_key"], after: parent),
                BulkInsert(ReturnTables.populations, columns: ["partnership_id", "year", "children", "source"], after: parent),
            ]) { me, tables, sql in
                var done = 0
                for partnership in me.partnerships {
                    var lastYear: [String: [AbuseCategory: Int]] = [:]
                    for year in Set(quarters.map(\.startYear)).sorted() {
                        try await tables[2].add([partnership.id, year, partnership.weight * 800 + me.random.int(0...2_000), "Synthetic figures, not official estimates"], on: sql)
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
                            try await tables[0].add([id, 1, now, now, quarter.key, source.rawValue, status.rawValue, note, "", submittedOn?.description, submittedAt,
                                                     status == .approved ? submittedAt : nil, partnership.id, nil as UUID?, status == .approved ? me.coordinator : nil], on: sql)
                            for (key, count) in cells.sorted(by: { $0.key.fieldName < $1.key.fieldName }) {
                                try await tables[1].add([id, key.category.rawValue, key.breakdown.key, count, RecordKey.random()], on: sql)
                            }
                        }
                        done += 1
                        me.progress.show("quarterly returns (partnership quarters)", done: done, of: total)
                    }
                }
            }
        }
    }
}
