import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("London-scale data set and bulk attendance import")
struct LondonScaleTests {
    private struct Count: Decodable { var n: Int }

    private func count(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw(query).first(decoding: Count.self)?.n ?? -1
    }

    @Test("the small scale fills every part for all 33 partnerships, its returns add up, and the data lead reads every figure unsuppressed")
    func smallScale() async throws {
        try await TestConduit.run(loadDemo: false) { conduit in
            // setup
            let sql = conduit.sql
            // act
            let summary = try await LondonScale.load(on: conduit.app, scale: "small", seed: 7)
            let again = await #expect(throws: Settings.Problem.self) { try await LondonScale.load(on: conduit.app, scale: "small", seed: 7) }
            let reader = try #require(try await User.query(on: conduit.db).filter(\.$email == LondonScale.benchReader).first())
            let secret = "cdt_test_reader"
            try await APIToken(userID: reader.requireID(), name: "test", tokenDigest: Sessions.digest(secret), prefix: "cdt_test", expiresAt: Date().addingTimeInterval(APIToken.defaultLifetime)).save(on: conduit.db)
            let client = conduit.browser()
            client.headers.bearerAuthorization = .init(token: secret)
            let statistics = try await client.get(SiteURL.api(.trainingStatistics).path(query: [("from", "2000-01-01"), ("to", "2100-01-01"), ("by", "gender")]))
            // check
            #expect(try await count("SELECT COUNT(*) AS n FROM partnerships WHERE kind = 'partnership'", on: sql) == 33)
            #expect(try await count("SELECT COUNT(*) AS n FROM organisations", on: sql) == 150)
            #expect(try await count("SELECT COUNT(*) AS n FROM organisation_partnerships", on: sql) > 150, "some groups serve several partnerships")
            #expect(try await count("SELECT COUNT(*) AS n FROM training_sessions", on: sql) == 200)
            #expect(try await count("SELECT COUNT(*) AS n FROM file_audits", on: sql) == 100)
            #expect(summary.counts.first { $0.table == "attendances" }.map { (500...10_000).contains($0.rows) } == true)
            #expect(try await count("""
                SELECT COUNT(*) AS n FROM training_sessions s
                WHERE s.next_reference <> (SELECT COALESCE(MAX(a.number), 0) + 1 FROM attendances a WHERE a.session_id = s.id)
                """, on: sql) == 0, "the next participant at the door gets the next number")
            #expect(try await count("""
                SELECT COUNT(*) AS n FROM (
                  SELECT c.return_id, c.category FROM return_cells c GROUP BY c.return_id, c.category
                  HAVING SUM(CASE WHEN c.breakdown LIKE 'sex:%' THEN c.count ELSE 0 END) <> MAX(CASE WHEN c.breakdown = 'total' THEN c.count ELSE 0 END)
                     AND SUM(CASE WHEN c.breakdown LIKE 'sex:%' THEN 1 ELSE 0 END) > 0) wrong
                """, on: sql) == 0, "every return's breakdown by sex adds up to its total")
            #expect(again?.description.contains("already has data") == true)
            #expect(statistics.status == .ok)
            let document = try JSONDecoder().decode(TrainingAPIController.StatisticsDTO.self, from: Data(statistics.body.readableBytesView))
            let attended = try await count("SELECT COUNT(*) AS n FROM attendances WHERE status = 'attended'", on: sql)
            #expect(document.suppressed == false, "the data lead reads every partnership as its own")
            #expect(document.total == String(attended))
        }
    }

    @Test("a bulk register file is written whole or not at all; numbers carry on from each session's register")
    func bulkImport() async throws {
        try await TestConduit.run(demoDirectory: true) { conduit in
            // setup
            let sessions = try await TrainingSession.query(on: conduit.db).sort(\.$sessionOn, .descending).limit(2).all()
            let (first, second) = (try sessions[0].requireID(), try sessions[1].requireID())
            let before = try await Attendance.query(on: conduit.db).count()
            let firstNext = sessions[0].nextReference
            let header = "session_id,name,referring_organisation,ethnicity,ethnicity_detail,gender,age_band,partnership_of_residence,role,attended\n"
            let good = """
                \(first),,bengali womens forum,BAFR,Somali,female,25 to 34,camden,parent or carer,yes
                \(second),,School,APKN,,male,35_44,hackney,volunteer,no
                \(first),,,,,,,,,

                """
            let bad = good + """
                \(UUID()),,,,,female,,,,yes
                \(second),,,,,woman,,nowhere,,yes

                """
            // act
            let refused = await #expect(throws: AttendanceImport.Refused.self) { try await AttendanceImport.run(header + bad, on: conduit.db) }
            let afterRefusal = try await Attendance.query(on: conduit.db).count()
            let written = try await AttendanceImport.run(header + good, on: conduit.db)
            let imported = try await Attendance.query(on: conduit.db).filter(\.$session.$id == first).sort(\.$number, .descending).limit(2).all()
            let session = try #require(try await TrainingSession.find(first, on: conduit.db))
            // check
            #expect(refused?.problems.map { "\($0.line) \($0.column)" } == ["5 session_id", "6 partnership_of_residence", "6 gender"])
            #expect(refused?.problems.first?.message.hasPrefix("No training session has the id") == true)
            #expect(afterRefusal == before, "nothing of a refused file is written")
            #expect(written.participants == 3 && written.sessions == 2)
            #expect(imported.map(\.number) == [firstNext + 1, firstNext])
            #expect(imported.last?.$referringOrganisation.id != nil, "a referrer named as in the directory (ignoring case and apostrophes) is linked to its group")
            #expect(imported.first?.gender == Gender.notKnown.rawValue && imported.first?.status == AttendanceStatus.attended.rawValue)
            #expect(session.nextReference == firstNext + 2)
        }
    }
}
