import ConduitCore
import Foundation
import SQLKit

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
        let groups = BulkInsert<GroupRow>(CommunityGroup.schema)
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
