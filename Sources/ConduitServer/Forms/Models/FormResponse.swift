import Fluent
import SQLKit
import Foundation

/// A stored version of a form definition (ConduitCore `FormDefinition`), kept
/// for ever so answers given to it keep their meaning.
final class StoredForm: Model, @unchecked Sendable {
    static let schema = "form_definitions"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "key") var key: String
    @Field(key: "version") var version: Int
    @Field(key: "title") var title: String
    /// The definition as JSON, exactly as loaded.
    @Field(key: "definition") var definition: String

    init() {}
}

/// A filled-in form: a case file audited with the File Audit Tool, or a training evaluation
/// or community survey response, told apart by `purpose` (the form's) and their subject.
/// File audits are sensitive: every read is audited.
final class FormResponse: Model, @unchecked Sendable {
    static let schema = "file_audits"

    enum Status: String, Codable, Sendable {
        case draft, submitted
    }

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    /// The file's reference in the partnership's records: never a child's name.
    @Field(key: "file_reference") var fileReference: String
    @Field(key: "audited_on") var auditedOn: String
    @Enum(key: "status") var status: Status
    @OptionalField(key: "submitted_at") var submittedAt: Date?

    /// Permanent random key for cell key perturbation (issue 14); never shown. Drawn once,
    /// when the record is first stored (`RecordKeyMiddleware`).
    @Field(key: "record_key") var recordKey: Int

    // relationships
    @Parent(key: "form_id") var form: StoredForm
    @Parent(key: "partnership_id") var partnership: Partnership
    @Parent(key: "auditor_id") var auditor: User
    /// The session a training evaluation is about.
    @OptionalParent(key: "training_session_id") var trainingSession: TrainingSession?
    /// The group a community survey response is from.
    @OptionalParent(key: "group_id") var group: CommunityGroup?

    init() {}
}

/// The audit tables that have no model of their own: answers one row per value
/// (so findings count them in SQL), categories, and section ratings.
enum FormTables {
    /// The filled-in forms that are file audits: about neither a training session nor a group.
    static let fileAuditsOnly: SQLQueryString = "f.training_session_id IS NULL AND f.group_id IS NULL"

    static let answers = "file_audit_answers"
    static let categories = "file_audit_categories"
    static let ratings = "file_audit_ratings"
}
