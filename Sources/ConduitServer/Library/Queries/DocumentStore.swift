import ConduitCore
import Crypto
import Foundation
import SQLKit

/// The library's files, content-addressed in the database: the same bytes are kept once,
/// whichever resources hold them, and every instance behind a load balancer serves them.
enum DocumentStore {
    struct Stored: Decodable, Sendable {
        var mediaType: String
        var content: Data
    }

    /// The SHA-256 of the bytes, as the file's name in the store.
    static func hash(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Keeps the bytes unless the same are kept already; returns their hash.
    static func keep(_ bytes: [UInt8], type: DocumentType, now: Date, on sql: any SQLDatabase) async throws -> String {
        let hash = hash(of: bytes)
        try await sql.insert(into: LibraryTables.documents)
            .columns("hash", "media_type", "size", "content", "created_at")
            .values(SQLBind(hash), SQLBind(type.mediaType), SQLBind(bytes.count), SQLBind(Data(bytes)), SQLBind(now))
            .ignoringConflicts(with: ["hash"])
            .run()
        return hash
    }

    static func find(_ hash: String, on sql: any SQLDatabase) async throws -> Stored? {
        try await sql.select().column("media_type").column("content").from(LibraryTables.documents).where("hash", .equal, hash)
            .first(decoding: Stored.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
