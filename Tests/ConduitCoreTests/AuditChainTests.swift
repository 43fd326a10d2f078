import Foundation
import Testing
@testable import ConduitCore

@Suite("Audit chain")
struct AuditChainTests {
    func chain(_ count: Int) -> [(record: AuditRecord, previous: String, hash: String)] {
        var previous = AuditChain.genesis
        return (1...count).map { index in
            let record = AuditRecord(sequence: Int64(index), occurredAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(index)),
                                     actorID: UUID(), actorLabel: "adviser@camden.example", action: "sign-in", recordType: "user",
                                     recordID: "\(index)", partnershipID: nil, address: "10.0.0.1", outcome: "success", detail: nil)
            let hash = AuditChain.hash(of: record, previous: previous)
            defer { previous = hash }
            return (record, previous, hash)
        }
    }

    func verifyAll(_ entries: [(record: AuditRecord, previous: String, hash: String)]) -> [AuditChain.Break] {
        var verifier = AuditChain.Verifier()
        return entries.flatMap { verifier.check($0.record, storedPrevious: $0.previous, storedHash: $0.hash) }
    }

    func verify(_ entries: [(record: AuditRecord, previous: String, hash: String)]) -> AuditChain.Break? {
        verifyAll(entries).first
    }

    @Test("an untouched chain verifies")
    func intact() {
        #expect(verify(chain(20)) == nil)
    }

    @Test("changing any field of any entry breaks the chain at that entry", arguments: 0..<10)
    func changed(index: Int) {
        // setup
        var entries = chain(10)
        // act
        entries[index].record.detail = "edited"
        // check
        #expect(verify(entries)?.sequence == Int64(index + 1))
    }

    @Test("removing an entry breaks the chain at the next one")
    func removed() {
        var entries = chain(10)
        entries.remove(at: 4)
        #expect(verify(entries)?.sequence == 6)
    }

    @Test("fields cannot be shifted between each other without changing the hash")
    func unambiguous() {
        let base = chain(1)[0].record
        var shifted = base
        shifted.actorLabel = base.actorLabel + "sign-in"
        shifted.action = ""
        #expect(AuditChain.hash(of: base, previous: AuditChain.genesis) != AuditChain.hash(of: shifted, previous: AuditChain.genesis))
    }

    @Test("two changed entries are both reported: the first cannot hide the second")
    func everyBreak() {
        // setup
        var entries = chain(10)
        // act
        entries[2].record.detail = "edited"
        entries[7].record.actorLabel = "someone else"
        // check
        #expect(verifyAll(entries).map(\.sequence) == [3, 8])
    }

    @Test("a NUL or a bidirectional override in a field is stored written out, and the stored entry verifies")
    func storableText() {
        // setup
        let record = AuditRecord(sequence: 1, occurredAt: Date(timeIntervalSince1970: 1_700_000_000), actorID: nil,
                                 actorLabel: "nobody\u{0}x@example.org", action: "sign-in", recordType: nil, recordID: nil,
                                 partnershipID: nil, address: nil, outcome: "failure", detail: "e\u{301}\u{202E}")
        // act
        let stored = record.storable
        // check
        #expect(stored.actorLabel == "nobody\\u{0}x@example.org")
        #expect(stored.detail == "\u{E9}\\u{202E}")
        #expect(!stored.actorLabel.unicodeScalars.contains("\u{0}"))
        #expect(stored.storable == stored, "storing twice changes nothing")
    }
}
