import Testing
@testable import ConduitCore

@Suite("Prevalence of abuse categories in audited files")
struct PrevalenceTests {
    @Test("seed 004: 34 files, 35 mentions, the spirit possession and trafficking file counted twice")
    func seed004() {
        // setup: seed 004 section 4.3
        let files: [Set<AbuseCategory>] =
            Array(repeating: [.abuseLinkedToFaithOrBelief], count: 20)
            + [[.abuseLinkedToFaithOrBelief, .trafficking]]
            + Array(repeating: [.trafficking], count: 9)
            + Array(repeating: [.femaleGenitalMutilation], count: 2)
            + Array(repeating: [.honourBasedAbuse], count: 2)
        // act
        let prevalence = Prevalence.count(files)
        // check
        #expect(prevalence.files == 34)
        #expect(prevalence.files(in: .abuseLinkedToFaithOrBelief) == 21)
        #expect(prevalence.files(in: .femaleGenitalMutilation) == 2)
        #expect(prevalence.files(in: .honourBasedAbuse) == 2)
        #expect(prevalence.files(in: .trafficking) == 10)
        #expect(prevalence.mentions == 35)
        #expect(prevalence.filesInSeveral == 1)
        // in AbuseCategory.allCases order, categories no file concerns left out
        #expect(prevalence.perCategory == [
            .init(category: .femaleGenitalMutilation, files: 2),
            .init(category: .abuseLinkedToFaithOrBelief, files: 21),
            .init(category: .trafficking, files: 10),
            .init(category: .honourBasedAbuse, files: 2),
        ])
    }

    @Test("no files: nothing counted")
    func empty() {
        // act
        let prevalence = Prevalence.count([])
        // check
        #expect(prevalence == Prevalence(files: 0, perCategory: [], mentions: 0, filesInSeveral: 0))
    }

    @Test("a file with no category counts as a file but not a mention")
    func fileWithoutCategory() {
        // act
        let prevalence = Prevalence.count([[], [.forcedMarriage, .honourBasedAbuse, .domesticAbuseParent]])
        // check
        #expect(prevalence.files == 2)
        #expect(prevalence.mentions == 3)
        #expect(prevalence.filesInSeveral == 1)
        #expect(prevalence.perCategory.map(\.category) == [.domesticAbuseParent, .honourBasedAbuse, .forcedMarriage])
    }

    @Test("every category names its source; only the project's own have no census code")
    func sources() {
        // check
        #expect(AbuseCategory.femaleGenitalMutilation.source == "DfE CIN census factor 22A")
        #expect(AbuseCategory.abuseLinkedToFaithOrBelief.title == "Abuse linked to faith or belief (including spirit possession)")
        #expect(AbuseCategory.allCases.filter { $0.source == "Conduit project category" } == [.honourBasedAbuse, .forcedMarriage])
        #expect(Set(AbuseCategory.allCases.map(\.title)).count == AbuseCategory.allCases.count)
    }
}
