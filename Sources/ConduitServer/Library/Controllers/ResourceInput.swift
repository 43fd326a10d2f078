import ConduitCore
import Foundation
import Vapor

/// What someone entered for a resource, its file or link, a new version or a translation:
/// read from the page's form or the API's multipart body, under the same names, and checked
/// in one pass so every problem is reported at once.
struct ResourceInput: Sendable {
    var title = ""
    var summary = ""
    var kind = ""
    var topics: [String] = []
    var audiences: [String] = []
    var visibility = ResourceVisibility.partnership.rawValue
    var reviewOn = DateField.empty
    var partnershipID = ""
    var link = ""
    var changes = ""
    var language = ""
    /// The uploaded file, if one was chosen.
    var file: Upload?

    struct Upload: Sendable {
        var name: String
        var bytes: [UInt8]
    }

    /// The names of the fields, for the form, the API and the error summary's links.
    enum Name: String { case title, summary, kind, topics, audiences, visibility, reviewOn, partnershipID, file, link, changes, language }

    init() {}

    init(_ resource: LibraryResource, topics: [String], audiences: [String]) {
        title = resource.title
        summary = resource.summary
        kind = resource.kind
        self.topics = topics
        self.audiences = audiences
        visibility = resource.visibility
        reviewOn = DateField(resource.reviewOn.flatMap(CalendarDate.init(iso:)))
        partnershipID = resource.$partnership.id.uuidString
    }

    /// The version of the record the change is based on (a page's hidden field, the API's `version`).
    var expectedVersion: Int?

    /// Every field of the form at once: a multipart body (an upload of up to 10 MB) is parsed
    /// once, not once a field.
    private struct Fields: Decodable {
        var title, summary, kind, visibility, reviewOn, partnershipID, link, changes, language: String?
        var version: LooseInt?
        var reviewDay, reviewMonth, reviewYear: String?
        var topics, audiences: OneOrMany?
        var file: File?

        enum CodingKeys: String, CodingKey {
            case title, summary, kind, visibility, reviewOn, partnershipID, link, changes, language, version, topics, audiences, file
            case reviewDay = "reviewOn-day", reviewMonth = "reviewOn-month", reviewYear = "reviewOn-year"
        }
    }

    /// The request's fields: a page sends the review date as three boxes, the API as `reviewOn`.
    init(_ req: Request) throws {
        let fields = try req.content.decode(Fields.self)
        title = fields.title ?? ""
        summary = fields.summary ?? ""
        kind = fields.kind ?? ""
        topics = fields.topics?.values ?? []
        audiences = fields.audiences?.values ?? []
        visibility = fields.visibility ?? ""
        let iso = fields.reviewOn ?? ""
        reviewOn = iso.isEmpty ? .parts(day: fields.reviewDay ?? "", month: fields.reviewMonth ?? "", year: fields.reviewYear ?? "") : .iso(iso)
        partnershipID = fields.partnershipID ?? ""
        link = (fields.link ?? "").trimmedWhitespace
        changes = (fields.changes ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        language = fields.language ?? ""
        expectedVersion = fields.version?.value
        // A file comes as a form's part, whose name is checked like any text (a JSON body's
        // would reach here unchecked, with the bytes base64 inside).
        if fields.file != nil && req.headers.contentType != .formData {
            throw ValidationFailure(problems: [.init(field: Name.file.rawValue, message: "Send the file as multipart/form-data")])
        }
        if let file = fields.file, file.data.readableBytes > 0 || !file.filename.isEmpty {
            self.file = Upload(name: file.filename, bytes: Array(file.data.readableBytesView))
        }
    }

    /// The details, or every problem with them.
    func details(visibilities: [ResourceVisibility], problems: inout [FieldProblem]) -> LibraryStore.Details? {
        let title = GroupValidation.trimmed(title), summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { problems.append(.init(field: Name.title.rawValue, message: "Enter the resource's title")) }
        if let problem = GroupValidation.tooLong(title, 200, field: Name.title.rawValue, label: "Title") ?? GroupValidation.notOneLine(title, field: Name.title.rawValue, label: "Title") {
            problems.append(problem)
        }
        if summary.isEmpty { problems.append(.init(field: Name.summary.rawValue, message: "Enter a summary: what it is and who it helps")) }
        if let problem = GroupValidation.tooLong(summary, 2000, field: Name.summary.rawValue, label: "Summary") { problems.append(problem) }
        let kind = ResourceKind(rawValue: kind)
        if kind == nil { problems.append(.init(field: Name.kind.rawValue, message: "Select what kind of resource it is")) }
        let topics = topics.compactMap(ResourceTopic.init(rawValue:))
        if topics.count != self.topics.count { problems.append(.init(field: Name.topics.rawValue, message: "Select topics from the list")) }
        let audiences = audiences.compactMap(ResourceAudience.init(rawValue:))
        if audiences.isEmpty || audiences.count != self.audiences.count {
            problems.append(.init(field: Name.audiences.rawValue, message: "Select who it is for: at least one audience"))
        }
        let visibility = ResourceVisibility(rawValue: visibility).flatMap { visibilities.contains($0) ? $0 : nil }
        if visibility == nil { problems.append(.init(field: Name.visibility.rawValue, message: "Select who may read it")) }
        let review = reviewOn.parse(label: "Review date")
        if let problem = review.problem { problems.append(.init(field: Name.reviewOn.rawValue, message: problem)) }
        guard let kind, let visibility, review.problem == nil else { return nil }
        return .init(title: title, summary: summary, kind: kind, topics: topics, audiences: audiences, visibility: visibility, reviewOn: review.date)
    }

    /// The file or link, or the problems with them: exactly one of the two.
    func content(problems: inout [FieldProblem]) -> LibraryStore.Content? {
        switch (file, link.isEmpty) {
        case (nil, true):
            problems.append(.init(field: Name.file.rawValue, message: "Choose a file to upload, or enter a link"))
            return nil
        case (.some, false):
            problems.append(.init(field: Name.link.rawValue, message: "Upload a file or enter a link, not both"))
            return nil
        case (nil, false):
            // No "user@" part: https://www.nspcc.org.uk@elsewhere.example/ would show one site and open another.
            guard let url = URL(string: link), ["https", "http"].contains(url.scheme?.lowercased() ?? ""), url.host?.contains(".") == true,
                  url.user == nil, url.password == nil,
                  !TextLimit.exceeds(link, characters: 500) else {
                problems.append(.init(field: Name.link.rawValue, message: "Enter the link as a full web address starting https://, for example https://www.nspcc.org.uk/"))
                return nil
            }
            return .link(link)
        case (let upload?, true):
            let name = upload.name.split(separator: "/").last.map(String.init) ?? upload.name
            if let problem = GroupValidation.tooLong(name, 200, field: Name.file.rawValue, label: "The file's name") {
                problems.append(problem)
                return nil
            }
            switch DocumentCheck.check(name: name, bytes: upload.bytes) {
            case .success(let type): return .file(name: name, type: type, bytes: upload.bytes)
            case .failure(let problem):
                problems.append(.init(field: Name.file.rawValue, message: problem.message))
                return nil
            }
        }
    }

    /// The partnership that will keep a new resource: the one named among those the person keeps
    /// resources of, or their only one when none is named.
    func keeper(among own: Set<UUID>, problems: inout [FieldProblem]) -> UUID? {
        let named = UUID(uuidString: partnershipID)
        let keeper = named.map { own.contains($0) ? $0 : nil } ?? (own.count == 1 ? own.first : nil)
        if keeper == nil { problems.append(.init(field: Name.partnershipID.rawValue, message: "Select the partnership that keeps it")) }
        return keeper
    }

    /// What changed, for a new version: required, so the list of versions says why each exists.
    func changesMade(problems: inout [FieldProblem]) -> String {
        if changes.isEmpty { problems.append(.init(field: Name.changes.rawValue, message: "Say what changed from the last version")) }
        if let problem = GroupValidation.tooLong(changes, 1000, field: Name.changes.rawValue, label: "What changed") { problems.append(problem) }
        return changes
    }

    /// A translation's title (required) and summary, in its language.
    func translatedWords(problems: inout [FieldProblem]) -> (String, String) {
        typealias N = ResourceInput.Name
        let title = GroupValidation.trimmed(title), summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { problems.append(.init(field: N.title.rawValue, message: "Enter the title in the translation's language")) }
        if let problem = GroupValidation.tooLong(title, 200, field: N.title.rawValue, label: "Title") ?? GroupValidation.notOneLine(title, field: N.title.rawValue, label: "Title") {
            problems.append(problem)
        }
        if let problem = GroupValidation.tooLong(summary, 2000, field: N.summary.rawValue, label: "Summary") { problems.append(problem) }
        if let problem = GroupValidation.tooLong(changes, 1000, field: N.changes.rawValue, label: "Notes") { problems.append(problem) }
        return (title, summary)
    }

    /// A translation's language: one Conduit offers, and not the original's.
    func translationLanguage(original: String, problems: inout [FieldProblem]) -> PageLanguage? {
        guard let language = PageLanguage(code: language) else {
            problems.append(.init(field: Name.language.rawValue, message: "Select the language of the translation"))
            return nil
        }
        guard language.code != original else {
            problems.append(.init(field: Name.language.rawValue, message: "Select a language other than the original's: add a new version of the original instead"))
            return nil
        }
        return language
    }
}

/// A list sent as `name[]` parts, as one `name` value, or as a JSON array.
private struct OneOrMany: Decodable {
    var values: [String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let many = try? container.decode([String].self) { values = many } else { values = [try container.decode(String.self)] }
    }
}

/// A whole number sent as a form's text or as a JSON number.
private struct LooseInt: Decodable {
    var value: Int?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = (try? container.decode(Int.self)) ?? (try? container.decode(String.self)).flatMap { Int($0) }
    }
}
