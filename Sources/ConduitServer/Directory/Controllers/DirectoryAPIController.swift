import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The directory's JSON API: the same checks, scope and audit trail as its pages.
enum DirectoryAPIController {
    // MARK: Bodies and documents

    struct GroupBody: Content {
        var name: String?
        var type: String?
        var faith: String?
        var denomination: String?
        var communities: [String]?
        var languages: [String]?
        var address: String?
        var postcode: String?
        var phone: String?
        var email: String?
        var meetingTimes: String?
        var status: String?
        var statusConfirmedOn: String?
        var howFound: String?
        var notes: String?
        var keptBy: UUID?
        var partnershipsServed: [UUID]?
        /// The version an update is based on (required for PUT).
        var version: Int?
        /// Create even though likely duplicates exist (they are answered 409 otherwise).
        var confirmNotDuplicate: Bool?

        var input: GroupInput {
            GroupInput(name: name ?? "", type: type ?? "", faith: faith ?? "", denomination: denomination ?? "",
                       communities: (communities ?? []).joined(separator: "; "), languages: (languages ?? []).joined(separator: "; "),
                       address: address ?? "", postcode: postcode ?? "", phone: phone ?? "", email: email ?? "", meetingTimes: meetingTimes ?? "",
                       status: status ?? GroupStatus.active.rawValue, statusConfirmedOn: .iso(statusConfirmedOn ?? ""), howFound: howFound ?? "",
                       notes: notes ?? "", ownerID: keptBy, servedIDs: partnershipsServed ?? [])
        }
    }

    struct PartnershipRef: Content {
        var id: UUID
        var name: String
    }

    struct ReadinessSummaryDTO: Content {
        var met: Int
        var total: Int
        var missing: [String]
        var expired: [String]
        var dueSoon: [String]

        init(_ summary: ReadinessSummary) {
            met = summary.met
            total = summary.total
            missing = summary.missing.map(\.rawValue)
            expired = summary.expired.map(\.rawValue)
            dueSoon = summary.dueSoon.map(\.rawValue)
        }
    }

    struct GroupDTO: Content {
        var id: UUID
        var version: Int
        var name: String
        var type: String
        var faith: String?
        var denomination: String
        var communities: [String]
        var languages: [String]
        var address: String
        var postcode: String?
        var phone: String?
        var email: String
        var meetingTimes: String
        var status: String
        var statusConfirmedOn: String?
        var howFound: String
        var notes: String
        var keptBy: PartnershipRef
        var partnershipsServed: [PartnershipRef]
        var mergedInto: UUID?
        var readiness: ReadinessSummaryDTO
    }

    struct GroupSummaryDTO: Content {
        var id: UUID
        var name: String
        var type: String
        var status: String
        var postcode: String?
        var keptByName: String
        var readinessMet: Int
        var lastContactOn: String?
    }

    struct GroupList: Content {
        var items: [GroupSummaryDTO]
        var total: Int
        var page: Int
        var perPage: Int
    }

    struct DuplicateDTO: Content {
        var id: UUID
        var name: String
        var postcode: String?
        var keptByName: String
        var reasons: [String]
    }

    struct DuplicatesProblem: Content {
        var type = "about:blank"
        var title = "Conflict"
        var status = 409
        var detail = "Groups like this one are already in the directory. Add to one of them, or send the group again with confirmNotDuplicate: true."
        var duplicates: [DuplicateDTO]
    }

    // MARK: Groups

    @Sendable
    static func list(req: Request) async throws -> GroupList {
        let problems = DirectorySearch.Filters.problems(in: req)
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let filters = DirectorySearch.Filters(query: req)
        let scope = try DirectorySearch.Scope(for: req)
        let total = try await DirectorySearch.count(on: req.sql, filters: filters, scope: scope)
        let perPage = Pagination.perPage(requestedBy: req)
        let pagination = Pagination(requestedBy: req, total: total)
        let rows = try await DirectorySearch.page(on: req.sql, filters: filters, scope: scope, pagination: pagination)
        return GroupList(items: rows.map { GroupSummaryDTO(id: $0.id, name: $0.name, type: $0.type, status: $0.status, postcode: $0.postcode,
                                                            keptByName: $0.ownerName, readinessMet: $0.readinessMet, lastContactOn: $0.lastContactOn) },
                         total: total, page: pagination.page, perPage: perPage)
    }

    static func document(_ group: CommunityGroup, req: Request) async throws -> GroupDTO {
        let id = try group.requireID()
        let owner = try await Partnership.find(group.$partnership.id, on: req.db)
        let served = try await GroupStore.served([id], on: req.db)[id] ?? []
        let entries = try await ReadinessStore.entries(of: id, on: req.db)
        return GroupDTO(id: id, version: group.version, name: group.name, type: group.type, faith: group.faith, denomination: group.denomination,
                        communities: try await GroupStore.names(in: DirectoryTables.communities, for: [id], on: req.db)[id] ?? [],
                        languages: try await GroupStore.names(in: DirectoryTables.languages, for: [id], on: req.db)[id] ?? [],
                        address: group.address, postcode: group.postcode, phone: group.phone, email: group.email, meetingTimes: group.meetingTimes,
                        status: group.status, statusConfirmedOn: group.statusConfirmedOn, howFound: group.howFound, notes: group.notes,
                        keptBy: PartnershipRef(id: group.$partnership.id, name: owner?.name ?? ""),
                        partnershipsServed: served.map { PartnershipRef(id: $0.partnershipId, name: $0.name) },
                        mergedInto: group.mergedIntoID, readiness: ReadinessSummaryDTO(Readiness.summary(of: entries, on: req.today)))
    }

    @Sendable
    static func show(req: Request) async throws -> GroupDTO {
        try await document(try await req.record(CommunityGroup.self), req: req)
    }

    /// The partnership a new group is kept by when the body does not say: the only one the person edits for.
    static func defaultOwner(_ req: Request) throws -> UUID? {
        let scope = try req.signedIn.scope(.editDirectory)
        return scope.count == 1 ? scope.first : nil
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let body = try req.content.decode(GroupBody.self)
        var input = body.input
        if input.ownerID == nil { input.ownerID = try defaultOwner(req) }
        let choices = try await DirectoryView.Choices(for: req)
        let (values, problems) = input.validated(choices: choices, today: req.today)
        guard let values else { throw ValidationFailure(problems: problems.map(apiField)) }
        if body.confirmNotDuplicate != true {
            let likely = try await DirectoryLookups.likelyDuplicates(name: values.name, postcode: values.postcode, phone: values.phone,
                                                                     scope: visitor.scope(.readDirectory), on: req.sql)
            if !likely.isEmpty {
                let problem = DuplicatesProblem(duplicates: likely.map { DuplicateDTO(id: $0.group.id, name: $0.group.name, postcode: $0.group.postcode,
                                                                                      keptByName: $0.group.ownerName, reasons: $0.match.reasons.map(\.rawValue)) })
                let response = try await Response.json(problem, status: .conflict, req: req)
                response.headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
                return response
            }
        }
        let group = try await GroupStore.create(values, on: req.db)
        try await req.audit(.init("group.create", recordType: "group", recordID: group.id?.uuidString, partnershipID: values.ownerID, detail: values.name))
        return try await Response.json(try await document(group, req: req), status: .created, req: req)
    }

    @Sendable
    static func update(req: Request) async throws -> GroupDTO {
        let group = try await req.record(CommunityGroup.self, editable: .editDirectory)
        let body = try req.content.decode(GroupBody.self)
        guard let version = body.version else { throw ValidationFailure(problems: [.init(field: "version", message: "Send the version of the group you are changing")]) }
        let choices = try await DirectoryView.Choices(for: req)
        let (values, problems) = body.input.validated(choices: choices, today: req.today)
        guard let values else { throw ValidationFailure(problems: problems.map(apiField)) }
        let before = try await GroupStore.input(from: group, on: req.db)
        try await GroupStore.update(group, with: values, expectedVersion: version, on: req.db)
        try await req.audit(.init("group.update", recordType: "group", recordID: group.id?.uuidString, partnershipID: values.ownerID,
                                  detail: GroupChanges.fieldNames(between: before, body.input)))
        return try await document(group, req: req)
    }

    /// The API's field names where they differ from the form's.
    static func apiField(_ problem: FieldProblem) -> FieldProblem {
        let names = ["ownerID": "keptBy", "servedIDs": "partnershipsServed"]
        return FieldProblem(field: names[problem.field] ?? problem.field, message: problem.message)
    }

    // MARK: Contacts

    struct ContactBody: Content {
        var name: String?
        var role: String?
        var roleDetail: String?
        var phone: String?
        var email: String?
        var preferredLanguage: String?
        var notes: String?
        var version: Int?

        var input: ContactInput {
            ContactInput(name: name ?? "", role: role ?? "", roleDetail: roleDetail ?? "", phone: phone ?? "", email: email ?? "",
                         preferredLanguage: preferredLanguage ?? "", notes: notes ?? "")
        }
    }

    struct ContactDTO: Content {
        var id: UUID
        var groupId: UUID
        var version: Int
        var name: String
        var role: String
        var roleDetail: String
        var phone: String
        var email: String
        var preferredLanguage: String
        var notes: String

        init(_ contact: Contact) {
            id = contact.id!
            groupId = contact.$organisation.id
            version = contact.version
            name = contact.name
            role = contact.role
            roleDetail = contact.roleDetail
            phone = contact.phone
            email = contact.email
            preferredLanguage = contact.preferredLanguage
            notes = contact.notes
        }
    }

    struct ContactList: Content {
        var items: [ContactDTO]
        var total: Int
    }

    @Sendable
    static func contacts(req: Request) async throws -> ContactList {
        // Readable through a partnership where the person reads contacts, else 404.
        let group = try await req.record(CommunityGroup.self, readable: .readContacts)
        let contacts = try await Contact.query(on: req.db).filter(\.$organisation.$id == group.requireID()).sort(\.$name).all()
        if !contacts.isEmpty {
            try await req.audit(.init("contact.list", recordType: "group", recordID: group.id?.uuidString, partnershipID: group.$partnership.id,
                                      detail: "\(contacts.count) contacts"))
        }
        return ContactList(items: contacts.map(ContactDTO.init), total: contacts.count)
    }

    @Sendable
    static func createContact(req: Request) async throws -> Response {
        let group = try await req.record(CommunityGroup.self, editable: .editDirectory)
        let input = try req.content.decode(ContactBody.self).input
        let problems = input.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let contact = Contact()
        contact.version = 1
        contact.$organisation.id = try group.requireID()
        input.apply(to: contact)
        try await contact.save(on: req.db)
        try await req.audit(.init("contact.create", recordType: "contact", recordID: contact.id?.uuidString, partnershipID: group.$partnership.id))
        return try await Response.json(ContactDTO(contact), status: .created, req: req)
    }

    @Sendable
    static func contact(req: Request) async throws -> ContactDTO {
        ContactDTO(try await req.record(Contact.self))
    }

    @Sendable
    static func updateContact(req: Request) async throws -> ContactDTO {
        let contact = try await req.record(Contact.self, editable: .editDirectory)
        let group = try await contact.group(on: req.db)
        let body = try req.content.decode(ContactBody.self)
        guard let version = body.version else { throw ValidationFailure(problems: [.init(field: "version", message: "Send the version of the contact you are changing")]) }
        let problems = body.input.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        body.input.apply(to: contact)
        try await contact.saveVersioned(expectedVersion: version, on: req.db)
        try await req.audit(.init("contact.update", recordType: "contact", recordID: contact.id?.uuidString, partnershipID: group.$partnership.id))
        return ContactDTO(contact)
    }

    // MARK: Readiness

    struct ReadinessItemDTO: Content {
        var item: String
        var status: String
        var evidence: String?
        var lastReviewed: String?
        var reviewDue: String?
        var checkedCount: Int?
        var totalCount: Int?
        /// When the item lapses (read only).
        var dueOn: String?
    }

    struct ReadinessDTO: Content {
        var groupId: UUID
        /// Send it back with an update to have it refused if someone saved since.
        var version: String
        var summary: ReadinessSummaryDTO
        var items: [ReadinessItemDTO]
    }

    struct ReadinessBody: Content {
        var items: [ReadinessItemDTO]?
        var version: String?
    }

    static func readinessDocument(groupID: UUID, req: Request) async throws -> ReadinessDTO {
        let entries = try await ReadinessStore.entries(of: groupID, on: req.db)
        return ReadinessDTO(groupId: groupID, version: ReadinessStore.fingerprint(entries), summary: ReadinessSummaryDTO(Readiness.summary(of: entries, on: req.today)),
                            items: entries.map { entry in
                                ReadinessItemDTO(item: entry.item.rawValue, status: entry.status.rawValue, evidence: entry.evidence,
                                                 lastReviewed: entry.lastReviewed?.description, reviewDue: entry.reviewDue?.description,
                                                 checkedCount: entry.checkedCount, totalCount: entry.totalCount,
                                                 dueOn: Readiness.dueDate(of: entry)?.description)
                            })
    }

    @Sendable
    static func readiness(req: Request) async throws -> ReadinessDTO {
        try await readinessDocument(groupID: try await req.record(CommunityGroup.self).requireID(), req: req)
    }

    @Sendable
    static func updateReadiness(req: Request) async throws -> ReadinessDTO {
        let group = try await req.record(CommunityGroup.self, editable: .editDirectory)
        let body = try req.content.decode(ReadinessBody.self)
        let items = body.items ?? []
        var problems: [FieldProblem] = []
        var inputs: [ReadinessItemInput] = []
        for (index, body) in items.enumerated() {
            guard let item = ReadinessItem(rawValue: body.item) else {
                problems.append(.init(field: "items[\(index)].item", message: "Item must be one of: " + ReadinessItem.allCases.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            inputs.append(.init(item: item, status: body.status, evidence: body.evidence ?? "", lastReviewed: .iso(body.lastReviewed ?? ""),
                                reviewDue: .iso(body.reviewDue ?? ""), checked: body.checkedCount.map(String.init) ?? "", total: body.totalCount.map(String.init) ?? ""))
        }
        if Set(inputs.map(\.item)).count != inputs.count { problems.append(.init(field: "items", message: "Send each item once")) }
        let (entries, itemProblems) = ReadinessItemInput.validate(inputs, today: req.today)
        problems += itemProblems
        guard problems.isEmpty, let entries else { throw ValidationFailure(problems: problems) }
        try await ReadinessStore.save(entries, groupID: group.requireID(), by: try req.signedIn.userID, expectedFingerprint: body.version, on: req.db)
        let document = try await readinessDocument(groupID: group.requireID(), req: req)
        try await req.audit(.init("readiness.update", recordType: "group", recordID: group.id?.uuidString, partnershipID: group.$partnership.id,
                                  detail: "\(document.summary.met) of \(document.summary.total) in place"))
        return document
    }
}
