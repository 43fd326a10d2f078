import ConduitCore
import Foundation
import Vapor

/// `conduit retention [--dry-run]`: anonymises what has passed each partnership's retention
/// periods; `--dry-run` lists what would change and changes nothing.
struct RetentionCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "List what would be anonymised, and change nothing")
        var dryRun: Bool
    }
    var help: String { "Anonymises closed concerns, contacts and named participants past each partnership's retention period; --dry-run lists them first." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let today = CalendarDate.today(in: Formats.ukTimeZone, now: app.clock.now)
        let due = try await Retention.due(today: today, on: app.db)
        for item in due where item.count > 0 {
            console.print("\(item.partnershipName): \(item.count) \(item.record.title.lowercased()) from before \(item.cutoff) (\(item.years) years): \(item.record.removes)")
        }
        let count = due.reduce(0) { $0 + $1.count }
        guard !signature.dryRun else {
            console.print(count == 0 ? "Nothing has passed its retention period." : "Dry run: \(count) records would be anonymised. Nothing was changed.")
            return
        }
        let changed = try await Retention.apply(due, now: app.clock.now, on: app.db)
        console.success(changed == 0 ? "Nothing has passed its retention period." : "Anonymised \(changed) records; each partnership's batch is in the audit trail.")
    }
}
