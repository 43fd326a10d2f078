import Foundation
import Testing
@testable import ConduitCore

@Suite("Training codes")
struct TrainingCodesTests {
    /// Each training code list as (name, codes, titles).
    static let lists: [(name: String, codes: [String], titles: [String])] = [
        ("TrainingAudience", TrainingAudience.allCases.map(\.rawValue), TrainingAudience.allCases.map(\.title)),
        ("Gender", Gender.allCases.map(\.rawValue), Gender.allCases.map(\.title)),
        ("AgeBand", AgeBand.allCases.map(\.rawValue), AgeBand.allCases.map(\.title)),
        ("ParticipantRole", ParticipantRole.allCases.map(\.rawValue), ParticipantRole.allCases.map(\.title)),
        ("AttendanceStatus", AttendanceStatus.allCases.map(\.rawValue), AttendanceStatus.allCases.map(\.title)),
        ("EthnicityMajor", EthnicityMajor.allCases.map(\.rawValue), EthnicityMajor.allCases.map(\.title)),
    ]

    @Test("code lists have unique snake_case codes and unique sentence-case titles")
    func codeLists() {
        for list in Self.lists {
            // check: codes are database columns and API keys; age bands start with digits
            #expect(Set(list.codes).count == list.codes.count, "\(list.name) repeats a code")
            #expect(Set(list.titles).count == list.titles.count, "\(list.name) repeats a title")
            for code in list.codes {
                #expect(code.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(list.name): \(code) is not snake_case")
            }
            for title in list.titles {
                #expect(title.first.map { $0.isUppercase || $0.isNumber } == true, "\(list.name): \(title) does not start with a capital")
                #expect(title == title.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    @Test("codes are stored as the agreed strings")
    func storedCodes() throws {
        // setup: the raw values are columns in the database and keys in the API
        let values = [TrainingAudience.supplementarySchoolStaff.rawValue, Gender.preferNotToSay.rawValue,
                      AgeBand.from16To17.rawValue, AgeBand.from65.rawValue, ParticipantRole.parentOrCarer.rawValue,
                      AttendanceStatus.didNotAttend.rawValue]
        // act
        let encoded = try JSONEncoder().encode(values)
        let decoded = try JSONDecoder().decode(AgeBand.self, from: Data(#""under_16""#.utf8))
        // check
        #expect(String(decoding: encoded, as: UTF8.self)
            == #"["supplementary_school_staff","prefer_not_to_say","16_17","65_plus","parent_or_carer","did_not_attend"]"#)
        #expect(decoded == .under16)
        #expect(AgeBand.from65.title == "65 or over")
        #expect(Gender.other.title == "In another way")
        #expect(AttendanceStatus.didNotAttend.title == "Booked, did not attend")
    }

    @Test("the DfE main ethnicity codes are all there, once, in their groups")
    func ethnicityCodes() {
        // setup
        let codes = Ethnicity.codes.map(\.code)
        // check
        #expect(codes == ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH",
                          "AIND", "APKN", "ABAN", "AOTH", "CHNE", "BCRB", "BAFR", "BOTH", "OOTH", "REFU", "NOBT"])
        #expect(Set(Ethnicity.codes.map(\.title)).count == codes.count)
        #expect(Ethnicity.codes.filter { $0.major == .white }.count == 5)
        #expect(Ethnicity.codes.filter { $0.major == .mixed }.count == 4)
        #expect(Ethnicity.codes.filter { $0.major == .asian }.map(\.code) == ["AIND", "APKN", "ABAN", "AOTH", "CHNE"])
        #expect(Ethnicity.codes.filter { $0.major == .black }.count == 3)
        #expect(Ethnicity.code("REFU")?.major == .refused)
        #expect(Ethnicity.code("NOBT")?.major == .notObtained)
        // every major group is used, so no group shows an empty row
        #expect(Set(Ethnicity.codes.map(\.major)) == Set(EthnicityMajor.allCases))
        // each major group's codes sit together, so a grouped list stays in one piece
        let groupsInOrder = Ethnicity.codes.map(\.major).reduce(into: [EthnicityMajor]()) { if $0.last != $1 { $0.append($1) } }
        #expect(groupsInOrder.count == EthnicityMajor.allCases.count)
    }

    @Test("an ethnicity code is found ignoring case")
    func ethnicityLookup() {
        // act / check
        #expect(Ethnicity.code("BAFR")?.title == "Black African")
        #expect(Ethnicity.code("bafr")?.code == "BAFR")
        #expect(Ethnicity.code("BAF") == nil)
        #expect(Ethnicity.code("") == nil)
    }

    @Test("an import reads a code or a title", arguments: [
        ("BAFR", "BAFR"), (" abAN ", "ABAN"), ("Black African", "BAFR"), ("black african", "BAFR"),
        ("Black - African", "BAFR"), ("White - British", "WBRI"), ("Gypsy / Roma", "WROM"),
        ("Gypsy or Roma", "WROM"), ("Any other ethnic group", "OOTH"), ("Information not yet obtained", "NOBT"),
        ("chinese", "CHNE"), ("Refused", "REFU"),
    ])
    func ethnicityParse(text: String, code: String) {
        // act
        let parsed = Ethnicity.parse(text)
        // check
        #expect(parsed?.code == code)
    }

    @Test("an import value that is no DfE code is not guessed")
    func ethnicityParseUnknown() {
        // setup: seed 003's groups are communities of origin, kept as free detail
        let values = ["Somali", "Kurdish", "Black", "", "  ", "BAFRX"]
        // act / check
        for value in values {
            #expect(Ethnicity.parse(value) == nil, "\(value) should not parse")
        }
    }
}
