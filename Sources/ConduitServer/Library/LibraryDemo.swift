import ConduitCore
import Fluent
import Foundation

/// The demo library (issue 17): the kinds of resource seed 004 describes, with real files
/// (`Resources/library`): Camden's introduction letter to faith groups (two versions), a
/// child protection policy template with the Merton checklist's headings, the mosque and
/// madrasa protocol, and FGM and spirit possession leaflets with translations: the FGM
/// leaflet's revised since, so its translations are out of date. Hackney keeps one of its own.
enum LibraryDemo {
    private static func file(_ name: String) throws -> LibraryStore.Content {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "library") else {
            throw DemoFileMissing(name: name)
        }
        let bytes = Array(try Data(contentsOf: url))
        guard case .success(let type) = DocumentCheck.check(name: name + ".txt", bytes: bytes) else { throw DemoFileMissing(name: name) }
        return .file(name: name + ".txt", type: type, bytes: bytes)
    }

    struct DemoFileMissing: Error { var name: String }

    static func load(on db: any Database, now: Date, today: CalendarDate) async throws {
        guard let camden = try await Partnership.query(on: db).filter(\.$code == "camden").first()?.id,
              let hackney = try await Partnership.query(on: db).filter(\.$code == "hackney").first()?.id,
              let adviser = try await User.query(on: db).filter(\.$email == "adviser@conduit.example").first()?.id,
              let coordinator = try await User.query(on: db).filter(\.$email == "coordinator@conduit.example").first()?.id else { return }
        let day: TimeInterval = 86_400
        func add(_ details: LibraryStore.Details, _ name: String, partnership: UUID = camden, by user: UUID? = nil, ago: Double) async throws -> LibraryResource {
            try await LibraryStore.create(details, content: try file(name), partnershipID: partnership, userID: user ?? adviser, now: now.addingTimeInterval(-ago * day), on: db)
        }
        func translate(_ resource: LibraryResource, _ code: String, _ title: String, _ summary: String, _ name: String, ago: Double) async throws {
            _ = try await LibraryStore.addTranslation(to: resource, language: PageLanguage(code: code)!, title: title, summary: summary,
                                                      changes: "Demo translation: to be checked by a qualified translator before use.",
                                                      content: try file(name), userID: adviser, now: now.addingTimeInterval(-ago * day), on: db)
        }

        let letter = try await add(.init(title: "Introduction letter to faith and community groups",
                                         summary: "A letter from the partnership's community partnership adviser introducing the safeguarding children partnership's work, offering a meeting, free training and help with a child protection policy.",
                                         kind: .letter, topics: [.childProtection, .saferRecruitment], audiences: [.faithLeaders], visibility: .allPartnerships,
                                         reviewOn: today.adding(days: 20)), "introduction-letter", ago: 300)
        _ = try await LibraryStore.addVersion(to: letter, content: try file("introduction-letter-v2"),
                                              changes: "Offers help with safer recruitment and DBS checks, and points to the Worried about a child? page.",
                                              userID: adviser, now: now.addingTimeInterval(-40 * day), on: db)

        _ = try await add(.init(title: "Child protection policy template for faith groups",
                                summary: "A template child protection policy for churches, mosques, temples and gurdwaras, under the headings of the Merton checklist in the 2007 report's Appendix 2: what to do if worried, what is harmful, safe practice including spiritual practices, safe recruitment, adults who may pose a risk, and the designated lead.",
                                kind: .policyTemplate, topics: [.childProtection, .saferRecruitment, .faithOrBelief], audiences: [.faithLeaders], visibility: .public,
                                reviewOn: today.adding(days: -10)), "child-protection-policy-template", ago: 400)

        _ = try await add(.init(title: "Mosque and madrasa safeguarding protocol",
                                summary: "A protocol for mosques and madrasas: a designated safeguarding lead, safer recruitment and DBS checks, no physical punishment, supervision, and what to do with a concern.",
                                kind: .protocol, topics: [.supplementarySchools, .physicalChastisement, .childProtection], audiences: [.faithLeaders, .supplementarySchools],
                                visibility: .public, reviewOn: today.adding(days: 200)), "mosque-madrasa-protocol", ago: 350)

        let fgm = try await add(.init(title: "Female genital mutilation: it is illegal and it is child abuse",
                                      summary: "A leaflet for community members and parents: FGM is against the law in the UK, taking a girl abroad for it too; the signs a girl may be at risk; where to get help, without giving your name.",
                                      kind: .leaflet, topics: [.femaleGenitalMutilation], audiences: [.communityMembers, .parents], visibility: .public,
                                      reviewOn: today.adding(days: 300)), "fgm-leaflet", ago: 250)
        try await translate(fgm, "so", "Gudniinka fircooniga: waa sharci darro waana xadgudub carruureed",
                            "Waraaq loogu talagalay bulshada iyo waalidiinta: FGM waa sharci darro UK-ga.", "fgm-leaflet.so", ago: 200)
        try await translate(fgm, "ar", "تشويه الأعضاء التناسلية للإناث: جريمة وإساءة للأطفال",
                            "نشرة لأفراد المجتمع والآباء: تشويه الأعضاء التناسلية للإناث مخالف للقانون في المملكة المتحدة.", "fgm-leaflet.ar", ago: 200)
        _ = try await LibraryStore.addVersion(to: fgm, content: try file("fgm-leaflet-v2"), changes: "Adds FGM Protection Orders: a court order to protect a girl at risk.",
                                              userID: adviser, now: now.addingTimeInterval(-30 * day), on: db)

        let spirit = try await add(.init(title: "Witchcraft and spirit possession: no belief makes harming a child right",
                                         summary: "A leaflet on abuse linked to faith or belief: branding a child a witch is abuse; the signs; what a faith leader should do; where to get help.",
                                         kind: .leaflet, topics: [.faithOrBelief], audiences: [.faithLeaders, .communityMembers, .parents], visibility: .public,
                                         reviewOn: today.adding(days: 250)), "spirit-possession-leaflet", ago: 220)
        try await translate(spirit, "fr", "Sorcellerie et possession : aucune croyance ne justifie de faire du mal à un enfant",
                            "Un dépliant sur la maltraitance liée à la foi ou aux croyances.", "spirit-possession-leaflet.fr", ago: 210)
        try await translate(spirit, "ln", "Kindoki: kondima moko te ekoki kopesa nzela ya konyokola mwana",
                            "Mokanda mpo na konyokolama ya bana oyo etali kondima.", "spirit-possession-leaflet.ln", ago: 210)

        // Camden's own: notes for its advisers, not shared.
        _ = try await add(.init(title: "Camden advisers' notes: a first visit to a faith group",
                                summary: "What Camden's advisers take and ask on a first visit: the introduction letter, the policy template, and who the group's safeguarding lead is.",
                                kind: .practiceExample, topics: [.childProtection], audiences: [.professionals], visibility: .partnership,
                                reviewOn: today.adding(days: 90)), "introduction-letter-v2", ago: 35)

        // Hackney's own: the same template, kept once in the store, shown to Hackney only.
        _ = try await add(.init(title: "Hackney supplementary schools forum: policy workshop pack",
                                summary: "The policy template as used at Hackney's supplementary schools forum workshop.",
                                kind: .trainingMaterial, topics: [.supplementarySchools], audiences: [.supplementarySchools], visibility: .partnership,
                                reviewOn: nil), "child-protection-policy-template", partnership: hackney, by: coordinator, ago: 100)

        // The FGM leaflet given to two Camden groups, in Somali and in Bengali.
        for (name, language) in [("Camden Somali Women's Group", "so"), ("Masjid Al-Noor", "en")] {
            guard let group = try await CommunityGroup.query(on: db).filter(\.$name == name).first() else { continue }
            _ = try await LibraryStore.distribute(fgm, to: try group.requireID(), language: PageLanguage(code: language)!, on: today.adding(days: -60), copies: 25,
                                                  engagementID: nil, partnershipID: camden, userID: adviser, on: db)
        }
    }
}
