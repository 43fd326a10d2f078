import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Statistical releases (issue 14): what the public reads of the returns' figures, and how a
/// coordinator publishes it. The public never sees a live query: only frozen releases, each
/// protected together with the others of its financial year, so that no combination of
/// published figures gives a hidden one away.
enum ReleaseController {
    // MARK: Reading, for everyone

    /// Every release with what the pages say of it, oldest first.
    static func summaries(on db: any Database) async throws -> [ReleaseView.Summary] {
        let releases = try await ReleaseStore.all(on: db)
        let byID = Dictionary(uniqueKeysWithValues: releases.compactMap { release in release.id.map { ($0, release) } })
        func brief(_ release: Release) -> (id: UUID, title: String, publishedOn: CalendarDate) {
            (release.id!, Release.title(quarters: release.quarters), published(release))
        }
        return releases.map { release in
            ReleaseView.Summary(
                id: release.id!, title: Release.title(quarters: release.quarters), quarters: release.quarters, publishedOn: published(release),
                note: release.note, nextReleaseOn: release.nextReleaseOn.flatMap(CalendarDate.init(iso:)),
                revises: release.$revises.id.flatMap { byID[$0] }.map(brief), revisionReason: release.revisionReason,
                revisedBy: releases.first { $0.$revises.id == release.id }.map(brief))
        }
    }

    private static func published(_ release: Release) -> CalendarDate {
        CalendarDate.today(in: Formats.ukTimeZone, now: release.publishedAt)
    }

    @Sendable
    static func latest(req: Request) async throws -> PageResponse {
        let releases = try await summaries(on: req.db)
        guard let latest = releases.last else { return PageResponse(status: .ok, layout: ReleaseView.nothingYet(context: PageContext(publicPage: req))) }
        return try await page(latest, latestID: latest.id, req: req)
    }

    @Sendable
    static func show(req: Request) async throws -> PageResponse {
        let releases = try await summaries(on: req.db)
        let id = try req.uuid(.releaseID)
        guard let release = releases.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return try await page(release, latestID: releases.last!.id, req: req)
    }

    private static func page(_ release: ReleaseView.Summary, latestID: UUID, req: Request) async throws -> PageResponse {
        var problems: [FieldProblem] = []
        let source = req.queryChoice("source", ReturnSource.init(rawValue:), message: "Select a source from the list", problems: &problems) ?? .localAuthority
        let category = req.queryChoice("category", AbuseCategory.init(rawValue:), message: "Select a category from the list", problems: &problems)
            ?? .femaleGenitalMutilation
        let model = ReleaseView.Model(release: release, latestID: latestID, partnerships: try await ReleaseStore.partnerships(on: req.sql),
                                      figures: try await ReleaseStore.published(release.id, on: req.sql), source: source, category: category, problems: problems)
        return PageResponse(problems: problems, layout: ReleaseView.page(model, context: PageContext(publicPage: req)))
    }

    @Sendable
    static func list(req: Request) async throws -> Layout {
        ReleaseView.list(try await summaries(on: req.db), context: PageContext(publicPage: req))
    }

    // MARK: Downloads

    struct IndexDocument: Content {
        struct Entry: Content {
            var id: UUID
            var title: String
            var period: String
            var quarters: [String]
            var publishedOn: String
            var revises: UUID?
            var figures: String
            var csv: String
        }
        var releases: [Entry]
    }

    @Sendable
    static func indexJSON(req: Request) async throws -> Response {
        let releases = try await summaries(on: req.db)
        return try json(IndexDocument(releases: releases.map {
            .init(id: $0.id, title: $0.title, period: $0.title, quarters: $0.quarters.map(\.label), publishedOn: $0.publishedOn.description,
                  revises: $0.revises?.id, figures: SiteURL.releaseJSON(.value($0.id)).path, csv: SiteURL.releaseCSV(.value($0.id)).path)
        }))
    }

    /// A release as a statistics reader expects to download it: its details, the symbols
    /// used, and one line per figure.
    struct ReleaseDocument: Content {
        struct Link: Content {
            var id: UUID
            var title: String
            var publishedOn: String
            var reason: String?
        }
        struct Figure: Content {
            var source: String
            var category: String
            var categoryTitle: String
            /// The partnership's code; nil for London.
            var partnership: String?
            var partnershipName: String
            /// Nil for the release's whole period.
            var quarter: String?
            var value: Int?
            /// "c" hidden, "x" not available; nil when the value is shown.
            var symbol: String?
            var revised: Bool

            // Every key always present, null where there is nothing, as a statistics reader's
            // tools expect of one table's rows.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(source, forKey: .source)
                try container.encode(category, forKey: .category)
                try container.encode(categoryTitle, forKey: .categoryTitle)
                try container.encode(partnership, forKey: .partnership)
                try container.encode(partnershipName, forKey: .partnershipName)
                try container.encode(quarter, forKey: .quarter)
                try container.encode(value, forKey: .value)
                try container.encode(symbol, forKey: .symbol)
                try container.encode(revised, forKey: .revised)
            }
        }
        var id: UUID
        var title: String
        var period: String
        var quarters: [String]
        var publishedOn: String
        var nextReleaseOn: String?
        var note: String
        var revises: Link?
        var revisedBy: Link?
        var protection: String
        var symbols: [String: String]
        var figures: [Figure]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(period, forKey: .period)
            try container.encode(quarters, forKey: .quarters)
            try container.encode(publishedOn, forKey: .publishedOn)
            try container.encode(nextReleaseOn, forKey: .nextReleaseOn)
            try container.encode(note, forKey: .note)
            try container.encode(revises, forKey: .revises)
            try container.encode(revisedBy, forKey: .revisedBy)
            try container.encode(protection, forKey: .protection)
            try container.encode(symbols, forKey: .symbols)
            try container.encode(figures, forKey: .figures)
        }
    }

    /// Every figure of the release, "x" ones included, in the order of the tables.
    private static func document(_ req: Request) async throws -> ReleaseDocument {
        let releases = try await summaries(on: req.db)
        let id = try req.uuid(.releaseID)
        guard let release = releases.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let published = try await ReleaseStore.published(id, on: req.sql)
        let partnerships = try await ReleaseStore.partnerships(on: req.sql)
        let periods: [ReportingPeriod?] = release.quarters.map(Optional.some) + (release.quarters.count > 1 ? [nil] : [])
        var figures: [ReleaseDocument.Figure] = []
        for source in ReturnSource.allCases {
            for category in AbuseCategory.allCases {
                for partnership in partnerships.map(Optional.some) + [nil] {
                    for quarter in periods {
                        let figure = published[ReleaseCell(source: source, category: category, partnershipID: partnership?.id, quarter: quarter)]
                        figures.append(.init(source: source.rawValue, category: category.rawValue, categoryTitle: category.title,
                                             partnership: partnership?.code, partnershipName: partnership?.name ?? "London", quarter: quarter?.label,
                                             value: figure?.value, symbol: figure == nil ? "x" : figure?.value == nil ? "c" : nil, revised: figure?.revised ?? false))
                    }
                }
            }
        }
        func link(_ brief: (id: UUID, title: String, publishedOn: CalendarDate)?, reason: String?) -> ReleaseDocument.Link? {
            brief.map { .init(id: $0.id, title: $0.title, publishedOn: $0.publishedOn.description, reason: reason) }
        }
        return ReleaseDocument(
            id: release.id, title: release.title, period: release.title, quarters: release.quarters.map(\.label), publishedOn: release.publishedOn.description,
            nextReleaseOn: release.nextReleaseOn?.description, note: release.note,
            revises: link(release.revises, reason: release.revisionReason), revisedBy: link(release.revisedBy, reason: nil),
            protection: "Linked suppression: counts from 1 to \(DisclosureControl.threshold) hidden, and further figures hidden so that every hidden figure's smallest and largest value consistent with all the releases of the financial year are at least \(LinkedSuppression.protectionRange) apart.",
            symbols: Dictionary(uniqueKeysWithValues: ReleaseView.symbols.map { ($0.symbol, $0.meaning) }), figures: figures)
    }

    @Sendable
    static func releaseJSON(req: Request) async throws -> Response {
        try json(try await document(req))
    }

    @Sendable
    static func releaseCSV(req: Request) async throws -> Response {
        let document = try await document(req)
        var text = CSV.line(["release", "published_on", "revises", "quarter", "geographic_level", "area", "area_code", "source_code", "source",
                             "category_code", "category", "count", "revised"])
        for figure in document.figures {
            text += CSV.line([document.title, document.publishedOn, document.revises?.title ?? "", figure.quarter ?? "All quarters of \(document.title)",
                              figure.partnership == nil ? "Region" : "Partnership", figure.partnershipName, figure.partnership ?? "london",
                              figure.source, ReturnSource(rawValue: figure.source)?.title ?? "", figure.category, figure.categoryTitle,
                              figure.value.map(String.init) ?? figure.symbol ?? "", figure.revised ? "r" : ""])
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"conduit-release-\(document.title.replacingOccurrences(of: " ", with: "-")).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    private static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(value)))
    }

    // MARK: Publishing, for coordinators

    /// What the publish form asks for, checked; problems name its fields.
    struct Asked: Sendable {
        var quarters: [ReportingPeriod]
        var revises: ReleaseView.Summary?
        var reason: String
        var note: String
        var nextReleaseOn: CalendarDate?
        var input: [String: String]
    }

    /// The periods a release can be for: each of the last eight ended quarters, and the
    /// financial year to date at each of them (the whole year at Q4).
    static func periods(today: CalendarDate) -> [(key: String, label: String)] {
        let last = ReportingPeriod.quarter(containing: today).previous
        return (0..<8).map { last.advanced(by: -$0) }.flatMap { quarter -> [(key: String, label: String)] in
            let single = (quarter.key, quarter.label)
            guard quarter.quarter! > 1 else { return [single] }
            let year = Array(quarter.year.quarters.prefix(quarter.quarter!))
            return [single, ("\(year[0].key)-\(quarter.key)", Release.title(quarters: year) + (year.count == 4 ? " (the whole year)" : " (year to date)"))]
        }
    }

    private static func asked(_ req: Request, releases: [ReleaseView.Summary], from text: (String) -> String) -> (Asked, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let input = Dictionary(uniqueKeysWithValues: ReleaseView.publishFields.map { ($0, text($0)) })
        let offered = periods(today: req.today)
        var quarters: [ReportingPeriod] = []
        if let chosen = offered.first(where: { $0.key == input["period"] }) {
            let keys = chosen.key.split(separator: "-").map(String.init)
            quarters = ReportingPeriod.quarters(from: ReportingPeriod(key: keys[0])!, through: ReportingPeriod(key: keys.last!)!)
        } else {
            problems.append(.init(field: "period", message: "Select the period the release is for"))
        }
        var revises: ReleaseView.Summary?
        if let id = input["revises"].flatMap(UUID.init(uuidString:)) {
            revises = releases.first { $0.id == id }
            if revises == nil { problems.append(.init(field: "revises", message: "Select a published release, or nothing")) }
        } else if !(input["revises"] ?? "").isEmpty {
            problems.append(.init(field: "revises", message: "Select a published release, or nothing"))
        }
        let reason = GroupValidation.trimmed(input["reason"] ?? ""), note = GroupValidation.trimmed(input["note"] ?? "")
        if let earlier = revises {
            if earlier.revisedBy != nil { problems.append(.init(field: "revises", message: "That release is already revised: select the latest revision of it")) }
            if !quarters.isEmpty && earlier.quarters != quarters {
                problems.append(.init(field: "revises", message: "A revision is for the same period as the release it revises: select \(earlier.title) as the period, or revise another release"))
            }
            if reason.isEmpty { problems.append(.init(field: "reason", message: "Enter what is revised and why, for readers of the revision")) }
        } else {
            if !reason.isEmpty { problems.append(.init(field: "reason", message: "Leave this empty for a new release, or select the release it revises")) }
            if let existing = releases.last(where: { $0.quarters == quarters && $0.revisedBy == nil }) {
                problems.append(.init(field: "revises", message: "A release of \(existing.title) is already published: to change its figures, select it here and publish a revision"))
            }
        }
        if TextLimit.exceeds(reason, characters: 2000) { problems.append(.init(field: "reason", message: "What is revised must be 2000 characters or fewer")) }
        if TextLimit.exceeds(note, characters: 4000) { problems.append(.init(field: "note", message: "Note must be 4000 characters or fewer")) }
        var next: CalendarDate?
        let nextParts = [input["next-day"] ?? "", input["next-month"] ?? "", input["next-year"] ?? ""]
        if nextParts.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let parsed = DateField.parts(day: nextParts[0], month: nextParts[1], year: nextParts[2]).parse(label: "Next release date")
            if let problem = parsed.problem { problems.append(.init(field: "next", message: problem)) }
            else if let date = parsed.date, date <= req.today { problems.append(.init(field: "next", message: "Next release date must be after today")) }
            else { next = parsed.date }
        }
        return (Asked(quarters: quarters, revises: revises, reason: reason, note: note, nextReleaseOn: next, input: input), problems)
    }

    /// A release covers every partnership, so only a coordinator who approves them all publishes one.
    private static func requireApprovesAll(_ req: Request) async throws {
        let all = Set(try await DirectoryLookups.partnerships(on: req.sql).map(\.id))
        guard all.isSubset(of: try req.signedIn.scope(.approveReturns)) else {
            throw Abort(.forbidden, reason: "A release covers every partnership: it is published by a coordinator who approves all their returns.")
        }
    }

    @Sendable
    static func publishForm(req: Request) async throws -> Layout {
        try await requireApprovesAll(req)
        return ReleaseView.publish(.init(releases: try await summaries(on: req.db), periods: periods(today: req.today), input: [:], problems: []),
                                   context: PageContext(req))
    }

    @Sendable
    static func check(req: Request) async throws -> PageResponse {
        try await requireApprovesAll(req)
        let releases = try await summaries(on: req.db)
        let (asked, problems) = asked(req, releases: releases, from: req.formText)
        if req.formText("action") == "change" {
            return PageResponse(status: .ok, layout: ReleaseView.publish(.init(releases: releases, periods: periods(today: req.today), input: asked.input,
                                                                               problems: []), context: PageContext(req)))
        }
        guard problems.isEmpty else { return try await refused(asked, problems, releases: releases, req: req) }
        var generator = SystemRandomNumberGenerator()
        let approved = try await ReleaseStore.approvedCounts(quarters: asked.quarters, on: req.sql)
        let protected = try await ReleaseStore.protect(quarters: asked.quarters, approved: approved, on: req.db, using: &generator)
        if !protected.unprotected.isEmpty {
            return try await refused(asked, [unprotectedProblem(count: protected.unprotected.count)], releases: releases, req: req)
        }
        let returns = Set(approved.keys.map { "\($0.partnershipID!)|\($0.quarter!.key)|\($0.source.rawValue)" }).count
        let expected = try await DirectoryLookups.partnerships(on: req.sql).count * asked.quarters.count * ReturnSource.allCases.count
        return PageResponse(status: .ok, layout: ReleaseView.check(.init(
            title: Release.title(quarters: asked.quarters), revises: asked.revises, input: asked.input, nextReleaseOn: asked.nextReleaseOn,
            returnsIncluded: returns, returnsExpected: expected, figures: protected.values.count, hidden: protected.hidden.count), context: PageContext(req)))
    }

    @Sendable
    static func publish(req: Request) async throws -> Response {
        try await requireApprovesAll(req)
        let releases = try await summaries(on: req.db)
        let (asked, problems) = asked(req, releases: releases, from: req.formText)
        guard problems.isEmpty else { return try await refused(asked, problems, releases: releases, req: req).encodeResponse(for: req) }
        let outcome = try await ReleaseStore.publish(quarters: asked.quarters, note: asked.note, nextReleaseOn: asked.nextReleaseOn,
                                                     revises: asked.revises?.id, reason: asked.reason, by: try req.signedIn.userID, at: req.now, on: req.db)
        switch outcome {
        case .unprotected(let count):
            return try await refused(asked, [unprotectedProblem(count: count)], releases: releases, req: req).encodeResponse(for: req)
        case .conflict(let message):
            return try await refused(asked, [.init(field: "revises", message: message)], releases: try await summaries(on: req.db), req: req).encodeResponse(for: req)
        case .published(let id):
            try await req.audit(.init("release.publish", recordType: "release", recordID: id.uuidString,
                                      detail: Release.title(quarters: asked.quarters) + (asked.revises.map { ", revising \($0.id)" } ?? "")))
            return req.redirect(to: SiteURL.release(.value(id)).path)
        }
    }

    private static func unprotectedProblem(count: Int) -> FieldProblem {
        FieldProblem(field: "period", message: "These figures cannot be published safely: \(count) hidden figures could be worked out from this release and the earlier ones of the year, whatever else is hidden. Ask the Conduit team before publishing this period.")
    }

    private static func refused(_ asked: Asked, _ problems: [FieldProblem], releases: [ReleaseView.Summary], req: Request) async throws -> PageResponse {
        PageResponse(problems: problems, layout: ReleaseView.publish(.init(releases: releases, periods: periods(today: req.today), input: asked.input, problems: problems),
                                                                     context: PageContext(req)))
    }
}
