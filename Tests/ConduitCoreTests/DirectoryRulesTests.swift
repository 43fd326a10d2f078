import Foundation
import Testing
@testable import ConduitCore

/// One code list as the uniqueness test needs it.
struct CodeList: Sendable, CustomTestStringConvertible {
    var name: String
    var rawValues: [String]
    var titles: [String]
    var testDescription: String { name }

    init<T: CaseIterable & RawRepresentable>(_ type: T.Type, title: (T) -> String) where T.RawValue == String {
        name = String(describing: type)
        rawValues = type.allCases.map(\.rawValue)
        titles = type.allCases.map(title)
    }
}

@Suite("Directory rules")
struct DirectoryRulesTests {
    // MARK: - Code lists

    static let codeLists: [CodeList] = [
        CodeList(GroupType.self, title: \.title),
        CodeList(GroupStatus.self, title: \.title),
        CodeList(Faith.self, title: \.title),
        CodeList(ContactRole.self, title: \.title),
        CodeList(ReadinessItem.self, title: \.title),
        CodeList(ReadinessItem.self, title: \.hint),
        CodeList(EngagementChannel.self, title: \.title),
        CodeList(EngagementOutcome.self, title: \.title),
        CodeList(EngagementTopic.self, title: \.title),
        CodeList(GroupMatching.Reason.self, title: \.title),
    ]

    @Test("code lists have unique snake_case codes and unique sentence-case titles", arguments: codeLists)
    func codeList(list: CodeList) {
        #expect(Set(list.rawValues).count == list.rawValues.count)
        #expect(Set(list.titles).count == list.titles.count)
        for code in list.rawValues {
            #expect(code.allSatisfy { $0.isLowercase || $0 == "_" }, "\(code) is not snake_case")
        }
        for title in list.titles {
            #expect(title.first?.isUppercase == true, "\(title) does not start with a capital")
            #expect(!title.hasSuffix(" "))
        }
    }

    @Test("codes are stored as the agreed strings")
    func storedCodes() throws {
        // setup: the raw values are columns in the database and keys in the API
        let encoded = try JSONEncoder().encode([GroupType.supplementarySchool.rawValue, GroupStatus.noLongerExists.rawValue,
                                                ContactRole.safeguardingLead.rawValue, EngagementTopic.trafficking.rawValue])
        // check
        #expect(String(decoding: encoded, as: UTF8.self)
            == #"["supplementary_school","no_longer_exists","designated_safeguarding_lead","trafficking_and_exploitation"]"#)
        #expect(GroupType.supplementarySchool.title == "Supplementary school or madrasa")
        #expect(Faith.multiFaith.title == "Several faiths (interfaith)")
        #expect(GroupStatus.unknown.title == "Not known")
    }

    @Test("outcomes that count as a first meeting")
    func contactEstablishing() {
        #expect(EngagementOutcome.contactEstablishing == [.met, .agreedNextStep, .trainingBooked])
        #expect(!EngagementOutcome.didNotAttend.establishesContact)
        #expect(!EngagementOutcome.declined.establishesContact)
    }

    // MARK: - Postcodes

    @Test("valid postcodes are written one way", arguments: [
        ("sw1a1aa", "SW1A 1AA"), ("EC1A 1BB", "EC1A 1BB"), ("W1A 0AX", "W1A 0AX"), ("m1 1ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"), ("CR2 6XH", "CR2 6XH"), ("DN55 1PT", "DN55 1PT"), ("GIR 0AA", "GIR 0AA"),
        ("  nw1   2ab ", "NW1 2AB"), ("E1 6AN", "E1 6AN"), ("SE1 0AL", "SE1 0AL"),
    ])
    func validPostcode(input: String, expected: String) {
        #expect(Postcode.normalise(input) == expected)
        #expect(Postcode.key(input) == expected.replacingOccurrences(of: " ", with: ""))
    }

    @Test("invalid postcodes are refused", arguments: [
        "SW1A", "12345", "NW1 2CB", "NW1 2AI", "AB1 2AB3", "", "   ", "SW1A-1AA", "1W1 2AB", "WWW1 2AB", "SW1A 1A",
        "NW1 AAB", "É1 6AN", "E1 6ÅN",
    ])
    func invalidPostcode(input: String) {
        #expect(Postcode.normalise(input) == nil)
        #expect(Postcode.key(input) == nil)
    }

    // MARK: - Phone numbers

    @Test("phone numbers written in different ways give one key", arguments: [
        ("020 7946 0000", "02079460000"), ("+44 20 7946 0000", "02079460000"), ("+44 (0)20 7946 0000", "02079460000"),
        ("0044 20 7946 0000", "02079460000"), ("(020) 7946-0000", "02079460000"), ("020.7946.0000", "02079460000"),
        ("07700 900123", "07700900123"), ("+33 1 23 45 67 89", "0033123456789"), (" 01632 960001 ", "01632960001"),
    ])
    func phoneKey(input: String, expected: String) {
        #expect(PhoneNumber.key(input) == expected)
    }

    @Test("text that is not a phone number has no key", arguments: [
        "", "020 7946", "020 7946 0000 ext 12", "call the office", "020 7946 0000 / 020 7946 0001",
        "0207+9460000", "1234567890123456", "020_7946_0000", "٠٢٠٧٩٤٦٠٠٠٠", "02\u{301}0 7946 0000",
    ])
    func notAPhoneNumber(input: String) {
        #expect(PhoneNumber.key(input) == nil)
    }

    // MARK: - Duplicate groups

    @Test("fold lowercases, drops accents and apostrophes, and turns punctuation into single spaces")
    func fold() {
        #expect(GroupMatching.fold("  Café  Réunion!! ") == "cafe reunion")
        #expect(GroupMatching.fold("St Mary's (R.C.) Church") == "st marys r c church")
        #expect(GroupMatching.fold("Al-Noor & Friends") == "al noor friends")
        #expect(GroupMatching.fold("") == "")
    }

    @Test("name keys unify abbreviations, transliterations, stop words and plurals", arguments: [
        ("St Mary's Church", "saint mary church"),
        ("Saint Marys Ch.", "saint mary church"),
        ("The Congolese Christian Fellowship", "congolese christian fellowship"),
        ("Masjid Al-Noor", "mosque al noor"),
        ("Mohamed Ali Madrassah", "muhammad ali madrasa"),
        ("Eritrean Comm. Assoc.", "eritrean community association"),
        ("Tamil Community Center", "tamil community centre"),
        ("Guru Nanak Gurudwara", "guru nanak gurdwara"),
        ("Jamiah Qur'an Academy", "jamia quran academy"),
        ("Friends of Somali Elders", "friend somali elder"),
        ("Holy Cross", "holy cross"),
    ])
    func nameKey(name: String, expected: String) {
        #expect(GroupMatching.nameKey(name) == expected)
    }

    @Test("the same group spelt two ways is a likely duplicate", arguments: [
        ("St Mary's Church", "Saint Marys Ch."),
        ("The Congolese Christian Fellowship", "Congolese Christian Fellowship"),
        ("Masjid Al-Noor", "Al Noor Mosque"),
        ("Mohamed Ali Madrassah", "Muhammad Ali Madrasa"),
        ("Café Réunion", "cafe reunion"),
        // One or two slips of typing, which the edit distance catches.
        ("Emmanuel Christian Fellowship", "Emanuel Christian Felowship"),
        ("Redeemed Christian Church of God", "Redeemed Christain Church of God"),
        ("Somali Women's Group", "Somali Womens Grop"),
        ("Kurdish Community Centre", "Kurdish Comunity Centre"),
        // Two real churches one letter apart are flagged too: a match only warns, and the
        // adviser decides.
        ("St Mary's Church", "St Mark's Church"),
    ])
    func similarNames(a: String, b: String) {
        // act
        let score = GroupMatching.similarity(GroupMatching.nameKey(a), GroupMatching.nameKey(b))
        // check
        #expect(score >= GroupMatching.similarNameThreshold, "\(a) / \(b) scored \(score)")
    }

    @Test("different groups with names in the same pattern are not flagged by name", arguments: [
        ("Somali Women's Group", "Bengali Women's Group"),
        ("Eritrean Community Association", "Kurdish Community Association"),
        // These two score 0.83: the reason the threshold is above 0.8.
        ("Polish Community Centre", "Turkish Community Centre"),
        ("Congolese Action Group", "Angolan Action Group"),
        ("Sudanese Women's Group", "Somali Women's Group"),
        ("Tamil Community Centre", "Tamil Community Association"),
    ])
    func differentNames(a: String, b: String) {
        // act
        let score = GroupMatching.similarity(GroupMatching.nameKey(a), GroupMatching.nameKey(b))
        // check
        #expect(score < GroupMatching.similarNameThreshold, "\(a) / \(b) scored \(score)")
    }

    @Test("similarity is symmetric, 1 for equal keys and 0 for an empty key")
    func similarityBounds() {
        #expect(GroupMatching.similarity("al noor mosque", "mosque al noor") == 1)
        #expect(GroupMatching.similarity("abc", "abd") == GroupMatching.similarity("abd", "abc"))
        #expect(abs(GroupMatching.similarity("somali women group", "bengali women group") - (1 - 4.0 / 19)) < 1e-9)
        #expect(GroupMatching.similarity("", "") == 0)
        #expect(GroupMatching.similarity("church", "") == 0)
    }

    @Test("likely duplicates are found by name, postcode and phone, strongest first")
    func matches() {
        // setup
        let sameEverything = UUID(), sameName = UUID(), samePostcode = UUID(), samePhone = UUID(), unrelated = UUID()
        let candidates = [
            GroupMatching.Candidate(id: unrelated, nameKey: GroupMatching.nameKey("Bengali Women's Group"),
                                    postcodeKey: "E16AN", phoneKey: "02079460999"),
            GroupMatching.Candidate(id: samePostcode, nameKey: GroupMatching.nameKey("Hall Hire Ltd"),
                                    postcodeKey: "SE10AL", phoneKey: nil),
            GroupMatching.Candidate(id: sameName, nameKey: GroupMatching.nameKey("Saint Marys Ch."),
                                    postcodeKey: nil, phoneKey: nil),
            GroupMatching.Candidate(id: samePhone, nameKey: GroupMatching.nameKey("St Mary's Hall"),
                                    postcodeKey: "N11AA", phoneKey: "02079460000"),
            GroupMatching.Candidate(id: sameEverything, nameKey: GroupMatching.nameKey("St Mary's Church"),
                                    postcodeKey: "SE10AL", phoneKey: "02079460000"),
        ]
        // act
        let found = GroupMatching.matches(name: "St Mary's Church", postcode: "se1 0al", phone: "+44 20 7946 0000",
                                          among: candidates)
        // check
        #expect(found.map(\.id) == [sameEverything, sameName, samePhone, samePostcode])
        #expect(found[0].reasons == [.similarName, .samePostcode, .samePhone])
        #expect(found[0].nameSimilarity == 1)
        #expect(found[1].reasons == [.similarName])
        #expect(found[2].reasons == [.samePhone])
        #expect(found[3].reasons == [.samePostcode])
        #expect(found[2].nameSimilarity > found[3].nameSimilarity)
    }

    @Test("ties in reasons are ordered by name similarity")
    func matchOrder() {
        // setup: two groups at the same postcode, one with a closer name
        let near = UUID(), far = UUID()
        let candidates = [
            GroupMatching.Candidate(id: far, nameKey: GroupMatching.nameKey("Youth Club"), postcodeKey: "NW12AB", phoneKey: nil),
            GroupMatching.Candidate(id: near, nameKey: GroupMatching.nameKey("Tamil Women Group"), postcodeKey: "NW12AB", phoneKey: nil),
        ]
        // act
        let found = GroupMatching.matches(name: "Tamil Elders Group", postcode: "NW1 2AB", phone: nil, among: candidates)
        // check
        #expect(found.map(\.id) == [near, far])
        #expect(found.allSatisfy { $0.reasons == [.samePostcode] })
    }

    @Test("postcode and phone match however they were typed; invalid ones never match")
    func rawInput() {
        // setup
        let id = UUID()
        let stored = [GroupMatching.Candidate(id: id, nameKey: "kurdish community association", postcodeKey: "SW1A1AA", phoneKey: "02079460000")]
        // act
        let byPostcode = GroupMatching.matches(name: "Eritrean Community Association", postcode: " sw1a  1aa", phone: nil, among: stored)
        let byPhone = GroupMatching.matches(name: "Eritrean Community Association", postcode: nil, phone: "020 7946 0000", among: stored)
        let invalid = GroupMatching.matches(name: "Eritrean Community Association", postcode: "SW1A", phone: "7946", among: stored)
        // check
        #expect(byPostcode.map(\.reasons) == [[.samePostcode]])
        #expect(byPhone.map(\.reasons) == [[.samePhone]])
        #expect(invalid.isEmpty)
    }

    @Test("a candidate with no postcode or phone is not matched on the missing values")
    func missingKeys() {
        let stored = [GroupMatching.Candidate(id: UUID(), nameKey: "youth club", postcodeKey: nil, phoneKey: nil)]
        #expect(GroupMatching.matches(name: "Somali Elders", postcode: nil, phone: nil, among: stored).isEmpty)
        #expect(GroupMatching.matches(name: "Somali Elders", postcode: "bad", phone: "bad", among: stored).isEmpty)
    }

    // MARK: - Readiness

    static let today = CalendarDate(year: 2026, month: 11, day: 23)!

    @Test("items not recorded count as unknown, so count as missing")
    func emptyReadiness() {
        // act
        let summary = Readiness.summary(of: [], on: Self.today)
        // check
        #expect(summary.met == 0)
        #expect(summary.total == 10)
        #expect(summary.text == "0 of 10")
        #expect(summary.missing == ReadinessItem.allCases)
        #expect(summary.expired.isEmpty && summary.dueSoon.isEmpty)
    }

    @Test("a policy reviewed 13 months ago has expired; training due in 10 days is due soon")
    func expiry() {
        // setup
        let entries = [
            ReadinessEntry(item: .childProtectionPolicy, status: .met, lastReviewed: Self.today.adding(months: -13)),
            ReadinessEntry(item: .training, status: .met, reviewDue: Self.today.adding(days: 10)),
            ReadinessEntry(item: .safeguardingLead, status: .met),
            ReadinessEntry(item: .dbsChecks, status: .partly, checkedCount: 3, totalCount: 5),
            ReadinessEntry(item: .policyWhenWorried, status: .met, reviewDue: Self.today.adding(days: 31)),
        ]
        // act
        let summary = Readiness.summary(of: entries, on: Self.today)
        // check
        #expect(summary.text == "3 of 10")
        #expect(summary.expired == [.childProtectionPolicy])
        #expect(summary.dueSoon == [.training])
        #expect(summary.missing == [.dbsChecks, .saferRecruitment, .policyWhatIsHarmful, .policySafePractice,
                                    .policySpiritualPractice, .policyAdultsWhoMayPoseRisk])
    }

    @Test("the due date itself still counts as met, and as due soon", arguments: [
        (0, true, true), (-1, false, false), (30, true, true), (31, true, false),
    ])
    func dueBoundary(daysUntilDue: Int, isMet: Bool, isDueSoon: Bool) {
        // setup
        let entry = ReadinessEntry(item: .dbsChecks, status: .met, reviewDue: Self.today.adding(days: daysUntilDue))
        // act
        let summary = Readiness.summary(of: [entry], on: Self.today)
        // check
        #expect((summary.met == 1) == isMet)
        #expect(summary.expired == (isMet ? [] : [.dbsChecks]))
        #expect(summary.dueSoon == (isDueSoon ? [.dbsChecks] : []))
        #expect(!summary.missing.contains(.dbsChecks))
    }

    @Test("due dates: the user's date first, else a year after the policy's review")
    func dueDates() {
        let reviewed = CalendarDate(year: 2024, month: 2, day: 29)!
        #expect(Readiness.dueDate(of: ReadinessEntry(item: .childProtectionPolicy, status: .met, lastReviewed: reviewed))
            == CalendarDate(year: 2025, month: 2, day: 28))
        #expect(Readiness.dueDate(of: ReadinessEntry(item: .childProtectionPolicy, status: .met, lastReviewed: reviewed,
                                                     reviewDue: Self.today)) == Self.today)
        #expect(Readiness.dueDate(of: ReadinessEntry(item: .training, status: .met, lastReviewed: reviewed)) == nil)
        #expect(Readiness.dueDate(of: ReadinessEntry(item: .safeguardingLead, status: .met)) == nil)
        #expect(ReadinessItem.allCases.filter(\.lapses) == [.childProtectionPolicy, .dbsChecks, .training])
    }

    @Test("the later of two entries for one item counts")
    func laterEntryWins() {
        let entries = [ReadinessEntry(item: .saferRecruitment, status: .met), ReadinessEntry(item: .saferRecruitment, status: .notMet)]
        #expect(Readiness.summary(of: entries, on: Self.today).missing.contains(.saferRecruitment))
    }

    @Test("DBS status from the counts", arguments: [
        (5, 5, ReadinessStatus?.some(.met)), (3, 5, .partly), (0, 5, .notMet), (0, 0, nil), (6, 5, nil), (-1, 5, nil),
    ])
    func dbsStatus(checked: Int, total: Int, expected: ReadinessStatus?) {
        #expect(Readiness.status(checked: checked, of: total) == expected)
    }

    @Test("status titles read naturally for the policy and for the rest")
    func statusTitles() {
        #expect(ReadinessStatus.allCases.map { $0.title(for: .childProtectionPolicy) } == ["In place", "Draft", "None", "Not known"])
        #expect(ReadinessStatus.allCases.map { $0.title(for: .dbsChecks) } == ["Yes", "In progress", "No", "Not known"])
    }

    @Test("entries are checked field by field")
    func problems() {
        // act
        let tooMany = Readiness.problems(in: ReadinessEntry(item: .dbsChecks, status: .met, checkedCount: 6, totalCount: 5))
        let negative = Readiness.problems(in: ReadinessEntry(item: .dbsChecks, status: .met, checkedCount: -1, totalCount: -2))
        let longEvidence = Readiness.problems(in: ReadinessEntry(item: .training, status: .met, evidence: String(repeating: "é", count: 1001)))
        let fine = Readiness.problems(in: ReadinessEntry(item: .training, status: .met, evidence: String(repeating: "é", count: 1000),
                                                         checkedCount: 0, totalCount: 0))
        // check
        #expect(tooMany == [FieldProblem(field: "dbs_checks-checked",
                                         message: "DBS checks of people working with children: the number checked must be no more than the number of people (5)")])
        #expect(negative.map(\.field) == ["dbs_checks-checked", "dbs_checks-total"])
        #expect(longEvidence.map(\.field) == ["training-evidence"])
        #expect(longEvidence.first?.message == "Safeguarding training received: evidence must be 1,000 characters or fewer")
        #expect(fine.isEmpty)
    }

    @Test("entries travel as JSON with their dates")
    func entryCoding() throws {
        // setup
        let entry = ReadinessEntry(item: .dbsChecks, status: .partly, evidence: "3 of 5 volunteers", reviewDue: Self.today,
                                   checkedCount: 3, totalCount: 5)
        // act
        let decoded = try JSONDecoder().decode(ReadinessEntry.self, from: JSONEncoder().encode(entry))
        // check
        #expect(decoded == entry)
    }
}
