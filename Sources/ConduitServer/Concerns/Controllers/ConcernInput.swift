import ConduitCore
import Foundation
import SQLKit
import Vapor

/// What the adviser entered for a concern's details, from the form or the API. The restricted
/// fields arrive only when typed: left empty on a change, the sealed value already stored stays.
struct ConcernInput: Sendable {
    var receivedOn = DateField.empty
    var receivedTime = ""
    var receipt = ""
    var raisedBy = ""
    var raisedByGroupID = ""
    var raiserIdentity = ""
    var childrenCount = ""
    var ageBands: [String] = []
    var sexes: [String] = []
    /// A partnership's id, or `notKnown`.
    var residence = ""
    var childrenNames = ""
    var categories: [String] = []
    var summary = ""
    /// "yes" or "no".
    var positionOfTrust = ""
    var trustGroupID = ""
    var consent = ""
    var consentReason = ""
    var partnershipID = ""
    /// On a change: remove a restricted field already recorded.
    var removeRaiserIdentity = false
    var removeChildrenNames = false

    static let notKnown = "not_known"

    /// The form's field names, one list for the page and the parser.
    enum Name: String {
        case receivedOn, receivedTime, receipt, raisedBy, raisedByGroupID, raiserIdentity, childrenCount, ageBands, sexes,
             residence, childrenNames, categories, summary, positionOfTrust, trustGroupID, consent, consentReason, partnershipID,
             removeRaiserIdentity, removeChildrenNames
    }

    init() {}

    init(form req: Request) {
        func text(_ name: Name) -> String { req.formText(name.rawValue) }
        func list(_ name: Name) -> [String] { req.formList(name.rawValue) }
        let day = req.formText("\(Name.receivedOn.rawValue)-day"), month = req.formText("\(Name.receivedOn.rawValue)-month")
        receivedOn = .parts(day: day, month: month, year: req.formText("\(Name.receivedOn.rawValue)-year"))
        receivedTime = text(.receivedTime)
        receipt = text(.receipt)
        raisedBy = text(.raisedBy)
        raisedByGroupID = text(.raisedByGroupID)
        raiserIdentity = text(.raiserIdentity)
        childrenCount = text(.childrenCount)
        ageBands = list(.ageBands)
        sexes = list(.sexes)
        residence = text(.residence)
        childrenNames = text(.childrenNames)
        categories = list(.categories)
        summary = text(.summary)
        positionOfTrust = text(.positionOfTrust)
        trustGroupID = text(.trustGroupID)
        consent = text(.consent)
        consentReason = text(.consentReason)
        partnershipID = text(.partnershipID)
        removeRaiserIdentity = text(.removeRaiserIdentity) == "yes"
        removeChildrenNames = text(.removeChildrenNames) == "yes"
    }
}

/// A concern's details once every field has been checked.
struct ConcernValues: Sendable {
    var receivedAt: Date
    var receipt: ConcernReceipt
    var raisedBy: ConcernRaisedBy
    var raisedByGroupID: UUID?
    /// nil: keep what is stored; "" remove it; text: store it sealed.
    var raiserIdentity: String?
    var childrenCount: Int
    var ageBands: [ReturnAgeBand]
    var sexes: [ReturnSex]
    var residencePartnershipID: UUID?
    var childrenNames: String?
    var categories: [ConcernCategory]
    var summary: String
    var positionOfTrust: Bool
    var trustGroupID: UUID?
    var consent: ConsentDecision
    var consentReason: String
    var partnershipID: UUID
}

/// The checks of a concern's details: every problem in one pass, each naming its field.
enum ConcernValidation {
    /// The most children one concern describes: more is a group of concerns, or a mistake.
    static let maxChildren = 30

    struct Context {
        /// Groups the adviser may name (those of the directory they read).
        var readableGroups: Set<UUID>
        /// Every partnership a child may live in.
        var partnerships: Set<UUID>
        /// The partnerships the adviser may record concerns for.
        var ownPartnerships: Set<UUID>
        var now: Date
    }

    static func validate(_ input: ConcernInput, in context: Context) -> (values: ConcernValues?, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        func problem(_ name: ConcernInput.Name, _ message: String) { problems.append(.init(field: name.rawValue, message: message)) }

        let receivedAt = ConcernMoment.parse(day: input.receivedOn, time: input.receivedTime, dayField: ConcernInput.Name.receivedOn.rawValue,
                                             timeField: ConcernInput.Name.receivedTime.rawValue, label: "received", now: context.now, problems: &problems)
        let receipt = ConcernReceipt(rawValue: input.receipt)
        if receipt == nil { problem(.receipt, "Select how you received the concern") }
        let raisedBy = ConcernRaisedBy(rawValue: input.raisedBy)
        if raisedBy == nil { problem(.raisedBy, "Select who raised the concern") }
        var raisedByGroup: UUID?
        if raisedBy == .group {
            raisedByGroup = UUID(uuidString: input.raisedByGroupID)
            if raisedByGroup == nil { problem(.raisedByGroupID, "Select the group that raised the concern") }
            else if !context.readableGroups.contains(raisedByGroup!) { problem(.raisedByGroupID, "Select a group from your partnership's directory") }
        }
        let identity = GroupValidation.trimmed(input.raiserIdentity)
        if raisedBy == .anonymous && !identity.isEmpty {
            problem(.raiserIdentity, "Leave the name empty for someone who did not give it, or select a community member")
        }
        if let tooLong = GroupValidation.tooLong(identity, 300, field: ConcernInput.Name.raiserIdentity.rawValue, label: "Name or contact") { problems.append(tooLong) }

        let count = Int(input.childrenCount.trimmingCharacters(in: .whitespaces))
        if input.childrenCount.trimmingCharacters(in: .whitespaces).isEmpty { problem(.childrenCount, "Enter how many children the concern is about") }
        else if count == nil || !(1...maxChildren).contains(count!) { problem(.childrenCount, "Number of children must be a whole number from 1 to \(maxChildren)") }
        let ageBands = input.ageBands.compactMap(ReturnAgeBand.init(rawValue:))
        if input.ageBands.isEmpty { problem(.ageBands, "Select each child's age band, or Not known") }
        else if ageBands.count != input.ageBands.count { problem(.ageBands, "Select age bands from the list") }
        let sexes = input.sexes.compactMap(ReturnSex.init(rawValue:))
        if input.sexes.isEmpty { problem(.sexes, "Select each child's sex, or Not known") }
        else if sexes.count != input.sexes.count { problem(.sexes, "Select from the list") }
        var residence: UUID?
        if input.residence != ConcernInput.notKnown {
            residence = UUID(uuidString: input.residence)
            if residence == nil || !context.partnerships.contains(residence!) { problem(.residence, "Select the partnership where the children live, or Not known") }
        }
        let names = GroupValidation.trimmed(input.childrenNames)
        if let tooLong = GroupValidation.tooLong(names, 500, field: ConcernInput.Name.childrenNames.rawValue, label: "Children's names") { problems.append(tooLong) }

        let categories = input.categories.compactMap(ConcernCategory.init(code:))
        if input.categories.isEmpty { problem(.categories, "Select what the concern is about: at least one category") }
        else if categories.count != input.categories.count { problem(.categories, "Select categories from the list") }
        let summary = GroupValidation.trimmed(input.summary)
        if summary.isEmpty { problem(.summary, "Enter a short factual summary of what was said or seen") }
        else if let tooLong = GroupValidation.tooLong(summary, 5000, field: ConcernInput.Name.summary.rawValue, label: "Summary") { problems.append(tooLong) }

        let trust: Bool? = switch input.positionOfTrust { case "yes": true; case "no": false; default: nil }
        if trust == nil { problem(.positionOfTrust, "Select whether the concern is about someone in a position of trust in a group") }
        var trustGroup: UUID?
        if trust == true && !input.trustGroupID.isEmpty {
            trustGroup = UUID(uuidString: input.trustGroupID)
            if trustGroup == nil || !context.readableGroups.contains(trustGroup!) { problem(.trustGroupID, "Select a group from your partnership's directory, or leave it empty") }
        }

        let consent = ConsentDecision(rawValue: input.consent)
        let reason = GroupValidation.trimmed(input.consentReason)
        if consent == nil { problem(.consent, "Select what was decided about consent") }
        else if consent!.needsReason && reason.isEmpty {
            problem(.consentReason, consent == .refused ? "Enter why the concern is passed on although consent was refused"
                                                     : "Enter why consent was not sought")
        }
        if let tooLong = GroupValidation.tooLong(reason, 1000, field: ConcernInput.Name.consentReason.rawValue, label: "Reason") { problems.append(tooLong) }

        let partnership = UUID(uuidString: input.partnershipID)
        if partnership == nil || !context.ownPartnerships.contains(partnership!) { problem(.partnershipID, "Select the partnership you are recording this for") }

        guard problems.isEmpty, let receivedAt, let receipt, let raisedBy, let count, let trust, let consent, let partnership else {
            return (nil, problems)
        }
        return (ConcernValues(receivedAt: receivedAt, receipt: receipt, raisedBy: raisedBy, raisedByGroupID: raisedByGroup,
                              raiserIdentity: input.removeRaiserIdentity || raisedBy == .anonymous ? "" : (identity.isEmpty ? nil : identity),
                              childrenCount: count, ageBands: ReturnAgeBand.allCases.filter(ageBands.contains),
                              sexes: ReturnSex.allCases.filter(sexes.contains), residencePartnershipID: residence,
                              childrenNames: input.removeChildrenNames ? "" : (names.isEmpty ? nil : names),
                              categories: ConcernCategory.allCases.filter(categories.contains), summary: summary, positionOfTrust: trust,
                              trustGroupID: trust ? trustGroup : nil, consent: consent, consentReason: consent.needsReason ? reason : "",
                              partnershipID: partnership), [])
    }
}

extension ConcernInput {
    /// Checks the input against what the person may see and record for.
    func validated(for req: Request) async throws -> (values: ConcernValues?, problems: [FieldProblem]) {
        let visitor = try req.signedIn
        let groups = [raisedByGroupID, trustGroupID].compactMap(UUID.init(uuidString:))
        let readable = try await EngagementStore.readable(groups, scope: visitor.scope(.readDirectory), on: req.sql)
        let partnerships = try await DirectoryLookups.partnerships(on: req.sql)
        let own = try await DirectoryLookups.partnerships(visitor.scope(.editConcerns), on: req.sql)
        return ConcernValidation.validate(self, in: .init(readableGroups: readable, partnerships: Set(partnerships.map(\.id)),
                                                          ownPartnerships: Set(own.map(\.id)), now: req.now))
    }
}

extension ConcernInput {
    /// Received now, in UK time: the form's default.
    mutating func received(at now: Date) {
        let today = CalendarDate.today(in: Formats.ukTimeZone, now: now)
        receivedOn = .parts(day: String(today.day), month: String(today.month), year: String(today.year))
        receivedTime = Formats.time(now)
    }

    /// The stored details, to change: restricted fields stay sealed and empty in the form.
    init(stored concern: Concern, on sql: any SQLDatabase) async throws {
        self.init()
        received(at: concern.receivedAt)
        receipt = concern.receipt ?? ""
        raisedBy = concern.raisedBy ?? ""
        raisedByGroupID = concern.raisedByGroupID?.uuidString ?? ""
        childrenCount = concern.childrenCount.map(String.init) ?? ""
        ageBands = concern.ageBands.split(separator: ",").map(String.init)
        sexes = concern.sexes.split(separator: ",").map(String.init)
        residence = concern.residencePartnershipID?.uuidString ?? (concern.childrenCount == nil ? "" : Self.notKnown)
        categories = try await ConcernStore.categories(of: concern.requireID(), on: sql).map(\.code)
        summary = concern.summary
        positionOfTrust = concern.receipt == nil ? "" : (concern.positionOfTrust ? "yes" : "no")
        trustGroupID = concern.trustGroupID?.uuidString ?? ""
        consent = concern.consent ?? ""
        consentReason = concern.consentReason
        partnershipID = concern.$partnership.id.uuidString
    }
}
