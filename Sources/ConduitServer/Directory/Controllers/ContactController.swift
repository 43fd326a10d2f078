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
        let group = try await req.record(CommunityGroup.self, editable: .editDirectory)
        return ContactView.form(.init(groupID: group.id!, groupName: group.name, input: ContactInput()), context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let group = try await req.record(CommunityGroup.self, editable: .editDirectory)
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
        return req.redirect(to: SiteURL.directoryGroup(.value(group.id!)).path(query: GroupShowView.Notice.contact.query))
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let contact = try await req.record(Contact.self)
        let group = try await contact.group(on: req.db)
        let canEdit = try await req.permits(.editDirectory, on: contact)
        return ContactView.show(.init(contactID: try contact.requireID(), contact: ContactInput(contact), groupID: try group.requireID(), groupName: group.name,
                                      canEdit: canEdit), context: PageContext(req))
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        // The form shows what is stored: a read, once the change is allowed.
        let contact = try await req.record(Contact.self, editable: .editDirectory)
        try await req.recordRead(contact)
        let group = try await contact.group(on: req.db)
        return ContactView.form(.init(groupID: group.id!, groupName: group.name, input: ContactInput(contact), contactID: contact.id, version: contact.version),
                                context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let contact = try await req.record(Contact.self, editable: .editDirectory)
        let group = try await contact.group(on: req.db)
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
            try await req.recordRead(stored)
            return try await PageResponse(status: .conflict, layout: ContactView.form(
                .init(groupID: group.id!, groupName: group.name, input: input, contactID: contact.id, version: stored.version,
                      conflict: ContactView.differences(input, ContactInput(stored))), context: PageContext(req))).encodeResponse(for: req)
        }
        try await req.audit(.init("contact.update", recordType: "contact", recordID: contact.id?.uuidString, partnershipID: group.$partnership.id))
        return req.redirect(to: SiteURL.directoryGroup(.value(group.id!)).path(query: GroupShowView.Notice.contact.query))
    }
}
