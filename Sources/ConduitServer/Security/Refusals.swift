import ConduitCore
import Foundation
import Vapor

/// A record that exists but belongs to partnerships the person may not read it in: answered
/// exactly as a record that does not exist (404, the same page), and recorded (ASVS 16.3.2).
struct HiddenRecord: AbortError {
    var recordType: String
    var id: UUID
    /// The partnership that keeps it, whose administrators see the attempt.
    var partnershipID: UUID?

    var status: HTTPResponseStatus { .notFound }
    var reason: String { HTTPResponseStatus.notFound.reasonPhrase }
}

/// A record that does not exist: 404.
struct MissingRecord: AbortError {
    var status: HTTPResponseStatus { .notFound }
}

/// A record the person may read but not change in this way: 403 with the reason, recorded
/// with the record it was about.
struct RefusedRecord: AbortError {
    var recordType: String
    var id: UUID
    var partnershipID: UUID?
    var reason: String

    var status: HTTPResponseStatus { .forbidden }
}

/// Records refused requests of signed-in people in the audit trail: a 403, or a 404 for a
/// record of another partnership (issue 13). At most `limit` entries per person per
/// `window`, so a scan of a thousand ids cannot flood the trail: past the limit one entry
/// says so, and the next entry after the window tells how many went unrecorded.
actor RefusalLog {
    static let limit = 20
    static let window: TimeInterval = 10 * 60

    private struct Tally {
        var start: Date
        var recorded = 0
        var unrecorded = 0
    }
    private var tallies: [UUID: Tally] = [:]

    enum Decision: Equatable {
        case record(unrecordedBefore: Int)
        case recordLimitReached
        case skip
    }

    /// Whether this person's refusal now is recorded.
    func decide(for person: UUID, at now: Date) -> Decision {
        var tally = tallies[person] ?? Tally(start: now)
        var unrecordedBefore = 0
        if now.timeIntervalSince(tally.start) >= Self.window {
            unrecordedBefore = tally.unrecorded
            tally = Tally(start: now)
        }
        defer { tallies[person] = tally }
        // Forget people whose window has passed, so the table stays the size of the attack.
        if tallies.count > 10_000 { tallies = tallies.filter { now.timeIntervalSince($0.value.start) < Self.window } }
        tally.recorded += 1
        if tally.recorded <= Self.limit { return .record(unrecordedBefore: unrecordedBefore) }
        tally.unrecorded += 1
        return tally.recorded == Self.limit + 1 ? .recordLimitReached : .skip
    }
}

extension Application {
    private struct RefusalLogKey: StorageKey { typealias Value = RefusalLog }

    /// Made once in `configure`, before any request.
    var refusalLog: RefusalLog {
        get {
            guard let log = storage[RefusalLogKey.self] else { fatalError("configure(_:settings:) has not run") }
            return log
        }
        set { storage[RefusalLogKey.self] = newValue }
    }
}

extension Request {
    /// Records a refused request in the audit trail, if the person is signed in and under the limit.
    func recordRefusal(_ error: any Error) async {
        guard let visitor, visitor.isSignedIn else { return }
        // A stale or forged form is not a refusal of access.
        guard !(error is CSRFRefusal) else { return }
        let record: (type: String, id: UUID, partnershipID: UUID?)?
        let status: Int
        switch error {
        case let hidden as HiddenRecord: (record, status) = ((hidden.recordType, hidden.id, hidden.partnershipID), 404)
        case let refused as RefusedRecord: (record, status) = ((refused.recordType, refused.id, refused.partnershipID), 403)
        case let abort as any AbortError where abort.status == .forbidden: (record, status) = (nil, 403)
        default: return
        }
        let detail: String
        switch await application.refusalLog.decide(for: visitor.userID, at: now) {
        case .skip:
            return
        case .recordLimitReached:
            detail = "\(status) \(method.rawValue) \(url.path); more than \(RefusalLog.limit) refusals in \(Int(RefusalLog.window / 60)) minutes: further ones are counted, not each recorded"
        case .record(let unrecordedBefore):
            detail = "\(status) \(method.rawValue) \(url.path)" + (unrecordedBefore > 0 ? " (\(unrecordedBefore) refusals before this one were not recorded)" : "")
        }
        let event = AuditTrail.Event("access.refused", recordType: record?.type, recordID: record?.id.uuidString,
                                     partnershipID: record?.partnershipID ?? visitor.currentPartnership?.id, outcome: .denied, detail: detail)
        do {
            try await audit(event)
        } catch {
            // The refusal stands whether or not it could be recorded.
            logger.warning("a refused request could not be recorded in the audit trail: \(String(reflecting: error))")
        }
    }
}
