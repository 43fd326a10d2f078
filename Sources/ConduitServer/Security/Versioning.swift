import Fluent
import Foundation
import SQLKit
import Vapor

/// Someone else saved the record between this person's read and write.
struct VersionConflict: Error, Sendable {
    var message = "Someone else changed this record while you were editing it. Your changes have not been saved: check the current version and make them again."
}

/// A record edited through forms or the API. Its version goes up by one with
/// each save; an update names the version it was based on and is refused if
/// that is no longer current, instead of silently overwriting.
protocol Versioned: Model where IDValue == UUID {
    var version: Int { get set }
}

extension Versioned {
    /// Saves the changes made to the record if it is still at `expectedVersion`,
    /// with any writes to rows that belong to it (`alsoWrite`) in the same transaction.
    ///
    /// The conditional version bump is the first statement of the transaction,
    /// so it also takes the write lock (SQLite) or row lock (PostgreSQL) before
    /// anything else is written.
    func saveVersioned(expectedVersion: Int, on database: any Database,
                       alsoWrite: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws {
        let id = try requireID()
        try await database.transaction { transaction in
            let sql = transaction as! any SQLDatabase
            let bumped = try await sql.update(Self.schema)
                .set("version", to: SQLBinaryExpression(SQLColumn("version"), .add, SQLLiteral.numeric("1")))
                .where("id", .equal, id)
                .where("version", .equal, expectedVersion)
                .returning("version")
                .first()
            guard let bumped else { throw VersionConflict() }
            self.version = try bumped.decode(column: "version", as: Int.self)
            try await self.save(on: transaction)
            try await alsoWrite(transaction)
        }
    }
}

extension Partnership: Versioned {}
extension User: Versioned {}
extension CommunityGroup: Versioned {}
extension Contact: Versioned {}
extension Engagement: Versioned {}
extension TrainingSession: Versioned {}
extension TrainingRound: Versioned {}
extension FormResponse: Versioned {}
extension Return: Versioned {}
extension Concern: Versioned {}

extension Request {
    /// The version a form was based on (hidden field "version").
    func expectedVersion() throws -> Int {
        guard let version = try? content.get(Int.self, at: "version") else {
            throw Abort(.badRequest, reason: "The form is missing the version of the record it edits. Reload the page and try again.")
        }
        return version
    }
}
