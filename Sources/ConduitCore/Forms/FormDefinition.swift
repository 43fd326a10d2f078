import Foundation

/// A versioned questionnaire: sections of typed questions.
///
/// DESIGN.md part 5: one engine for the File Audit Tool (seed 004 Appendix 1), community
/// surveys and training evaluations. Question keys stay the same from one version to the
/// next, so findings can combine audits answered on different versions.
public struct FormDefinition: Codable, Sendable, Equatable {
    /// Stable name of the form, e.g. "file-audit-tool".
    public var key: String
    public var title: String
    public var version: Int
    public var introduction: String?
    /// What the form is filled in for; absent means a file audit, as the first definitions were.
    public var purpose: FormPurpose?
    public var sections: [FormSection]

    public init(key: String, title: String, version: Int, introduction: String? = nil, purpose: FormPurpose? = nil, sections: [FormSection]) {
        self.key = key
        self.title = title
        self.version = version
        self.introduction = introduction
        self.purpose = purpose
        self.sections = sections
    }

    public var usedFor: FormPurpose { purpose ?? .fileAudit }

    /// Every question, in the order the form asks them.
    public var questions: [FormQuestion] {
        sections.flatMap(\.questions)
    }

    public func question(_ key: String) -> FormQuestion? {
        for section in sections {
            if let question = section.questions.first(where: { $0.key == key }) { return question }
        }
        return nil
    }

    public func section(_ key: String) -> FormSection? {
        sections.first { $0.key == key }
    }

    /// Reads a definition from JSON, checking it: unique keys, choices present for choice
    /// questions, relevance only on earlier questions. Throws FormDefinitionError with a
    /// message naming the problem.
    public static func decode(json: Data) throws -> FormDefinition {
        try checked(format: "JSON") { try JSONDecoder().decode(FormDefinition.self, from: json) }
    }

    /// Runs a decoder of some format (JSON here; the server adds YAML) and checks what it
    /// gives, so every format is refused with the same messages.
    public static func checked(format: String, _ decode: () throws -> FormDefinition) throws -> FormDefinition {
        let definition: FormDefinition
        do {
            definition = try decode()
        } catch let error as DecodingError {
            throw FormDefinitionError(message: "The form definition is not valid \(format) of a form: \(describe(error))")
        } catch {
            throw FormDefinitionError(message: "The form definition could not be read as \(format): \(error)")
        }
        try definition.check()
        return definition
    }

    /// The definitions shipped with Conduit (Resources/forms/*.json): the File Audit Tool.
    public static var builtIn: [FormDefinition] { BuiltInForms.all }

    /// The checks `decode(json:)` makes, for definitions built in code.
    public func check() throws {
        func fail(_ message: String) -> FormDefinitionError { FormDefinitionError(message: message) }
        if key.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("The form has no key") }
        if title.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("The form ‘\(key)’ has no title") }
        if version < 1 { throw fail("The form ‘\(key)’ must have a version of 1 or more") }
        if sections.isEmpty { throw fail("The form ‘\(key)’ has no sections") }

        var sectionKeys: Set<String> = []
        // Questions seen so far, in order: relevance may only look back, so a form can be
        // answered top to bottom and relevance can never loop.
        var earlier: [String: FormQuestion] = [:]
        for section in sections {
            if section.key.isEmpty { throw fail("A section of ‘\(key)’ has no key") }
            if !sectionKeys.insert(section.key).inserted { throw fail("Section key ‘\(section.key)’ is used more than once") }
            if section.questions.isEmpty { throw fail("Section ‘\(section.key)’ has no questions") }
            for question in section.questions {
                if question.key.isEmpty { throw fail("A question in section ‘\(section.key)’ has no key") }
                if earlier[question.key] != nil { throw fail("Question key ‘\(question.key)’ is used more than once") }
                if question.label.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("Question ‘\(question.key)’ has no label") }
                try checkChoices(of: question)
                if let relevance = question.relevance {
                    guard let parent = earlier[relevance.question] else {
                        throw fail("Question ‘\(question.key)’ depends on ‘\(relevance.question)’, which is not an earlier question")
                    }
                    if relevance.values.isEmpty { throw fail("Question ‘\(question.key)’ depends on ‘\(parent.key)’ but names no answers") }
                    if let allowed = parent.allowedValues {
                        for value in relevance.values where !allowed.contains(value) {
                            throw fail("Question ‘\(question.key)’ depends on the answer ‘\(value)’, which ‘\(parent.key)’ does not offer")
                        }
                    }
                }
                earlier[question.key] = question
            }
        }
    }

    private func checkChoices(of question: FormQuestion) throws {
        switch question.type {
        case .singleChoice, .multipleChoice:
            guard let choices = question.choices, !choices.isEmpty else {
                throw FormDefinitionError(message: "Question ‘\(question.key)’ is a choice question with no choices")
            }
            var values: Set<String> = []
            for choice in choices where !values.insert(choice.value).inserted {
                throw FormDefinitionError(message: "Question ‘\(question.key)’ offers the choice ‘\(choice.value)’ more than once")
            }
        default:
            if question.choices != nil {
                throw FormDefinitionError(message: "Question ‘\(question.key)’ has choices but is not a choice question")
            }
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let parts = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return parts.isEmpty ? "" : " at \(parts.joined(separator: "."))"
        }
        switch error {
        case .keyNotFound(let key, let context): return "‘\(key.stringValue)’ is missing\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.debugDescription + path(context)
        @unknown default: return "\(error)"
        }
    }
}

/// Why a form definition was refused, worded for the person who wrote it.
public struct FormDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// A part of a form with its own heading, and for file audits its own rating.
public struct FormSection: Codable, Sendable, Equatable {
    public var key: String
    public var title: String
    /// Whether auditors rate this section (good / adequate / requires improvement / inadequate).
    public var rated: Bool
    public var questions: [FormQuestion]

    public init(key: String, title: String, rated: Bool = false, questions: [FormQuestion]) {
        self.key = key
        self.title = title
        self.rated = rated
        self.questions = questions
    }
}

/// One question of a form: what it asks, what kind of answer it takes, and when it applies.
public struct FormQuestion: Codable, Sendable, Equatable {
    /// Unique within the definition and stable across versions: findings combine by it.
    public var key: String
    public var label: String
    public var hint: String?
    public var type: QuestionType
    public var required: Bool
    /// The options of a single_choice or multiple_choice question.
    public var choices: [FormChoice]?
    public var relevance: Relevance?
    /// Label of the text box shown with a "yes" (or "partly") answer, where the tool asks "If so, what…".
    public var followUp: String?

    public init(key: String, label: String, hint: String? = nil, type: QuestionType, required: Bool = false,
                choices: [FormChoice]? = nil, relevance: Relevance? = nil, followUp: String? = nil) {
        self.key = key
        self.label = label
        self.hint = hint
        self.type = type
        self.required = required
        self.choices = choices
        self.relevance = relevance
        self.followUp = followUp
    }

    /// The values an answer may hold, where the type limits them; nil for free answers.
    var allowedValues: Set<String>? {
        switch type {
        case .yesNo: Set(YesNo.allCases.map(\.rawValue))
        case .singleChoice, .multipleChoice: Set((choices ?? []).map(\.value))
        case .category: Set(AbuseCategory.allCases.map(\.rawValue))
        case .shortText, .longText, .wholeNumber, .date: nil
        }
    }
}

/// The kind of answer a question takes, which decides its input and its checks.
public enum QuestionType: String, Codable, Sendable, CaseIterable {
    case yesNo = "yes_no"
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    case shortText = "short_text"
    case longText = "long_text"
    case wholeNumber = "whole_number"
    /// ISO 8601, YYYY-MM-DD (entered as day / month / year).
    case date
    /// One or more AbuseCategory codes: the categories of abuse a file concerns.
    case category
}

/// One option of a choice question: the stored value and what the person sees.
public struct FormChoice: Codable, Sendable, Equatable {
    public var value: String
    public var label: String

    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

/// Shown only when an earlier question's answer is one of `values`.
public struct Relevance: Codable, Sendable, Equatable {
    public var question: String
    public var values: [String]

    public init(question: String, values: [String]) {
        self.question = question
        self.values = values
    }
}

/// The answers of a yes/no question (DESIGN.md: yes / no / partly / not known / not applicable).
///
/// Auditors read what the file shows: often it shows part of what was asked, or nothing,
/// and "not known" must stay distinct from "no".
public enum YesNo: String, Codable, Sendable, CaseIterable {
    case yes
    case no
    case partly
    case notKnown = "not_known"
    case notApplicable = "not_applicable"

    public var title: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .partly: "Partly"
        case .notKnown: "Not known"
        case .notApplicable: "Not applicable"
        }
    }

    /// Whether the answer opens the question's follow-up box ("If so, what…").
    public var opensFollowUp: Bool {
        self == .yes || self == .partly
    }
}

/// The form definitions in Resources/forms, read once.
enum BuiltInForms {
    static let all: [FormDefinition] = {
        guard let folder = Bundle.module.url(forResource: "forms", withExtension: nil),
              let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        else { return [] }
        // A broken shipped definition is left out rather than crashing the server; the
        // tests check the File Audit Tool is present, so it cannot ship broken.
        return files.filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .compactMap { url in (try? Data(contentsOf: url)).flatMap { try? FormDefinition.decode(json: $0) } }
    }()
}
