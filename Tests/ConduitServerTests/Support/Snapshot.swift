import Foundation
import Testing

/// Compares a page's indented HTML with the snapshot kept beside the tests, in
/// `__Snapshots__/<test file>/<name>.html`, and names the first line that differs. A missing
/// snapshot is written and the test fails, so a new page is looked at before it is committed;
/// `SNAPSHOT_RECORD=1 swift test --filter PageSnapshot` writes them all anew (and fails, to say so).
func expectSnapshot(_ html: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let testFile = URL(fileURLWithPath: filePath)
    let directory = testFile.deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        .appendingPathComponent(testFile.deletingPathExtension().lastPathComponent)
    let snapshot = directory.appendingPathComponent("\(name).html")
    let recording = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    if !recording, let stored = try? String(contentsOf: snapshot, encoding: .utf8) {
        guard stored != html else { return }
        let (old, new) = (stored.components(separatedBy: "\n"), html.components(separatedBy: "\n"))
        let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        Issue.record("""
            \(name) differs from \(snapshot.path) at line \(line + 1):
              snapshot: \(line < old.count ? old[line] : "(end)")
              now:      \(line < new.count ? new[line] : "(end)")
            If the change is meant, record it again with SNAPSHOT_RECORD=1.
            """, sourceLocation: sourceLocation)
        return
    }
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try html.write(to: snapshot, atomically: true, encoding: .utf8)
        Issue.record("Recorded \(snapshot.path): look at it, then run the test again.", sourceLocation: sourceLocation)
    } catch {
        Issue.record("Could not record \(snapshot.path): \(error)", sourceLocation: sourceLocation)
    }
}
