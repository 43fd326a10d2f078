import Foundation
import Testing
@testable import ConduitCore

@Suite("Policy")
struct PolicyTests {
    let camden = UUID(), brent = UUID()

    @Test("administrators manage accounts but read no sensitive records")
    func administrator() {
        let memberships = [Membership(partnershipID: camden, role: .administrator)]
        #expect(Policy.allows(.manageAccounts, on: camden, memberships: memberships))
        for action in [Action.readConcerns, .readFileAudits, .readEngagement, .readDirectory, .enterReturns] {
            #expect(!Policy.allows(action, memberships: memberships), "administrator must not \(action)")
        }
    }

    @Test("analysts read aggregate statistics only")
    func analyst() {
        let memberships = [Membership(partnershipID: camden, role: .analyst)]
        #expect(Policy.allows(.readStatistics, memberships: memberships))
        #expect(Action.allCases.filter { Policy.allows($0, memberships: memberships) }.sorted { $0.rawValue < $1.rawValue } == [.readPartnerships, .readStatistics])
    }

    @Test("a role in one partnership gives nothing in another, and scopes lists to its own")
    func partnershipBoundary() {
        let memberships = [Membership(partnershipID: camden, role: .adviser), Membership(partnershipID: brent, role: .viewer)]
        #expect(Policy.allows(.editDirectory, on: camden, memberships: memberships))
        #expect(!Policy.allows(.editDirectory, on: brent, memberships: memberships))
        #expect(Policy.allows(.readDirectory, on: brent, memberships: memberships))
        #expect(Policy.scope(of: .readConcerns, memberships: memberships) == [camden])
        #expect(Policy.scope(of: .readDirectory, memberships: memberships) == [camden, brent])
        #expect(Policy.scope(of: .approveReturns, memberships: memberships).isEmpty)
    }

    @Test("no memberships allow nothing", arguments: Action.allCases)
    func nothing(action: Action) {
        #expect(!Policy.allows(action, memberships: []))
        #expect(Policy.scope(of: action, memberships: []).isEmpty)
    }

    @Test("every role can do something, and every action is some role's")
    func coverage() {
        for role in Role.allCases { #expect(!Policy.actions(of: role).isEmpty) }
        let granted = Set(Role.allCases.flatMap { Policy.actions(of: $0) })
        #expect(granted == Set(Action.allCases))
    }
}
