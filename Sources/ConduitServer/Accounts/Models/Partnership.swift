import Fluent
import Foundation

/// An organisation unit: a region (e.g. London) or a safeguarding children
/// partnership within it. Every non-public record belongs to one.
final class Partnership: Model, @unchecked Sendable {
    static let schema = "partnerships"

    /// Regions hold partnerships; a membership of a region covers them all.
    enum Kind: String, Codable, CaseIterable, Sendable {
        case region, partnership
    }

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    @Field(key: "name") var name: String
    @Field(key: "code") var code: String
    @Enum(key: "kind") var kind: Kind

    // relationships
    @OptionalParent(key: "parent_id") var parent: Partnership?

    init() {}

    init(id: UUID? = nil, name: String, code: String, kind: Kind, parentID: UUID?) {
        self.id = id
        self.name = name
        self.code = code
        self.kind = kind
        self.$parent.id = parentID
        self.version = 1
    }
}
