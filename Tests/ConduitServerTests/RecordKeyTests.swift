import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
@testable import ConduitServer

@Suite("Record keys for adjusted figures")
struct RecordKeyTests {
    private struct KeyRow: Decodable { var record_key: Int }

    @Test("every counted record gets a random key when first stored, the demo's spread over the whole range")
    func drawnOnCreate() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // act
            var spreads: [String: Int] = [:]
            for table in RecordKey.tables {
                spreads[table] = try await conduit.sql.raw("SELECT COUNT(DISTINCT record_key) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self)
            }
            let outside = try await conduit.sql.raw("SELECT COUNT(*) AS n FROM \(ident: Attendance.schema) WHERE record_key < 0 OR record_key > 255")
                .first()?.decode(column: "n", as: Int.self)
            // check: hundreds of records each, so far more than a handful of distinct keys
            for table in RecordKey.tables { #expect((spreads[table] ?? 0) > 20, "\(table): \(spreads[table] ?? 0) distinct keys") }
            #expect(outside == 0)
        }
    }

    @Test("a record keeps its key when edited, and a return's cells keep theirs when the return is saved again")
    func keptOnSave() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let engagement = try #require(try await Engagement.query(on: conduit.db).first())
            let key = engagement.recordKey
            let period = ReportingPeriod.quarter(containing: conduit.today).previous.previous
            let ret = try await ReturnsTests.addReturn(conduit, "islington", period.advanced(by: -20), .health, status: .draft,
                                                      cells: [ReturnCellKey(category: .trafficking, breakdown: .total): 9])
            func cellKeys() async throws -> [Int] {
                try await conduit.sql.select().column("record_key").from(ReturnTables.cells).where("return_id", .equal, try ret.requireID())
                    .all(decoding: KeyRow.self).map(\.record_key)
            }
            let before = try await cellKeys()
            // act
            engagement.notes = "Edited after the meeting"
            try await engagement.save(on: conduit.db)
            let reread = try #require(try await Engagement.find(engagement.requireID(), on: conduit.db))
            try await ReturnStore.save(ret, cells: [ReturnCellKey(category: .trafficking, breakdown: .total): 10], expectedVersion: ret.version, on: conduit.db)
            let after = try await cellKeys()
            // check
            #expect(reread.recordKey == key)
            #expect(before == after && before.count == 1)
        }
    }
}
