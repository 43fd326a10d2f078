import ConduitCore
import Fluent
import Foundation
import Vapor

/// What someone entered for a contact, from a form, the API or an import row.
struct ContactInput: Sendable {
    var name = ""
    var role = ""
    var roleDetail = ""
    var phone = ""
    var email = ""
    var preferredLanguage = ""
    var notes = ""

    init(name: String = "", role: String = "", roleDetail: String = "", phone: String = "", email: String = "", preferredLanguage: String = "", notes: String = "") {
        self.name = name
        self.role = role
        self.roleDetail = roleDetail
        self.phone = phone
        self.email = email
        self.preferredLanguage = preferredLanguage
        self.notes = notes
    }

    init(_ contact: Contact) {
        self.init(name: contact.name, role: contact.role, roleDetail: contact.roleDetail, phone: contact.phone, email: contact.email,
                  preferredLanguage: contact.preferredLanguage, notes: contact.notes)
    }

    /// Checks every field; the problems name the field.
    func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let name = GroupValidation.trimmed(self.name)
        if name.isEmpty { problems.append(.init(field: "name", message: "Enter the contact's name")) }
        if let problem = GroupValidation.tooLong(name, 120, field: "name", label: "Name") ?? GroupValidation.notOneLine(name, field: "name", label: "Name") { problems.append(problem) }
        if ContactRole(rawValue: GroupValidation.trimmed(role)) == nil { problems.append(.init(field: "role", message: "Select the contact's role")) }
        if let problem = GroupValidation.tooLong(GroupValidation.trimmed(roleDetail), 120, field: "roleDetail", label: "Role detail") { problems.append(problem) }
        let phone = GroupValidation.trimmed(self.phone)
        if !phone.isEmpty && (PhoneNumber.key(phone) == nil || TextLimit.exceeds(phone, characters: 40)) {
            problems.append(.init(field: "phone", message: "Enter a phone number, like 020 7946 0000 or +44 7700 900 982"))
        }
        if let problem = GroupValidation.emailProblem(GroupValidation.trimmed(email).lowercased(), field: "email") { problems.append(problem) }
        if let problem = GroupValidation.tooLong(GroupValidation.trimmed(preferredLanguage), 80, field: "preferredLanguage", label: "Preferred language") { problems.append(problem) }
        if let problem = GroupValidation.tooLong(GroupValidation.trimmed(notes), 2000, field: "notes", label: "Notes") { problems.append(problem) }
        return problems
    }

    /// Copies the (checked) input onto the model.
    func apply(to contact: Contact) {
        contact.name = GroupValidation.trimmed(name)
        contact.role = GroupValidation.trimmed(role)
        contact.roleDetail = GroupValidation.trimmed(roleDetail)
        contact.phone = GroupValidation.trimmed(phone)
        contact.email = GroupValidation.trimmed(email).lowercased()
        contact.preferredLanguage = GroupValidation.trimmed(preferredLanguage)
        contact.notes = GroupValidation.trimmed(notes)
    }
}

/// The people at a group. Every read of a contact is in the audit trail.
enum ContactController {
    static func input(from req: Request) -> ContactInput {
        ContactInput(name: req.formText("name"), role: req.formText("role"), roleDetail: req.formText("roleDetail"), phone: req.formText("phone"),
                     email: req.formText("email"), preferredLanguage: req.formText("preferredLanguage"), notes: req.formText("notes"))
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        let group = try await GroupController.findEditable(req)
        return ContactView.form(.init(groupID: group.id!, groupName: group.name, input: ContactInput()), context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let group = try await GroupController.findEditable(req)
        let input = input(from: req)
        let problems = input.problems()
        guard problems.isEmpty else {
            return try await PageResponse(status: .unprocessableEntity, layout: ContactView.form(
                .init(groupID: group.id!, groupName: group.name, input: input, problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        let contact = Contact()
        contact.version = 1
        contact.$organisation.id = try group.requireID()
        input.apply(to: contact)
        try await contact.save(on: req.db)
        try await req.audit(.init("contact.create", recordType: "contact", recordID: contact.id?.uuidString, partnershipID: group.$partnership.id))
        return req.redirect(to: SiteURL.directoryGroup(.value(group.id!)).path(query: [("done", "contact")]))
    }

    /// A contact the person may read (its group serves a partnership where they read contacts), with its group; else 404.
    static func findReadable(_ req: Request) async throws -> (Contact, Organisation) {
        let visitor = try req.signedIn
        guard let contact = try await Contact.find(try req.uuid(.contactID), on: req.db) else { throw Abort(.notFound) }
        guard let group = try await GroupStore.find(contact.$organisation.id, readableBy: visitor.scope(.readContacts), on: req.db) else {
            let kept = try await Organisation.find(contact.$organisation.id, on: req.db)?.$partnership.id
            throw HiddenRecord(recordType: "contact", id: try contact.requireID(), partnershipID: kept)
        }
        return (contact, group)
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let (contact, group) = try await findReadable(req)
        try await req.audit(.init("contact.read", recordType: "contact", recordID: contact.id?.uuidString, partnershipID: group.$partnership.id))
        let canEdit = try req.signedIn.allows(.editDirectory, on: group.$partnership.id)
        return ContactView.show(contact: contact, group: group, canEdit: canEdit, context: PageContext(req))
    }

    static func findEditable(_ req: Request) async throws -> (Contact, Organisation) {
        let (contact, group) = try await findReadable(req)
        guard try req.signedIn.allows(.editDirectory, on: group.$partnership.id) else {
            throw RefusedRecord(recordType: "contact", id: try contact.requireID(), partnershipID: group.$partnership.id,
                                reason: "This group's record is kept by another partnership. Ask its adviser to change it.")
        }
        return (contact, group)
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        let (contact, group) = try await findEditable(req)
        try await req.audit(.init("contact.read", recordType: "contact", recordID: contact.id?.uuidString, partnershipID: group.$partnership.id))
        return ContactView.form(.init(groupID: group.id!, groupName: group.name, input: ContactInput(contact), contactID: contact.id, version: contact.version),
                                context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let (contact, group) = try await findEditable(req)
        let version = try req.expectedVersion()
        let input = input(from: req)
        let problems = input.problems()
        guard problems.isEmpty else {
            return try await PageResponse(status: .unprocessableEntity, layout: ContactView.form(
                .init(groupID: group.id!, groupName: group.name, input: input, contactID: contact.id, version: version, problems: problems),
                context: PageContext(req))).encodeResponse(for: req)
        }
        input.apply(to: contact)
        do {
            try await contact.saveVersioned(expectedVersion: version, on: req.db)
        } catch is VersionConflict {
            guard let stored = try await Contact.find(contact.id, on: req.db) else { throw Abort(.notFound) }
            // The conflict page shows the saved contact: that is a read.
            try await req.audit(.init("contact.read", recordType: "contact", recordID: contact.id?.uuidString, partnershipID: group.$partnership.id))
            return try await PageResponse(status: .conflict, layout: ContactView.form(
                .init(groupID: group.id!, groupName: group.name, input: input, contactID: contact.id, version: stored.version,
                      conflict: ContactView.differences(input, ContactInput(stored))), context: PageContext(req))).encodeResponse(for: req)
        }
        try await req.audit(.init("contact.update", recordType: "contact", recordID: contact.id?.uuidString, partnershipID: group.$partnership.id))
        return req.redirect(to: SiteURL.directoryGroup(.value(group.id!)).path(query: [("done", "contact")]))
    }
}
