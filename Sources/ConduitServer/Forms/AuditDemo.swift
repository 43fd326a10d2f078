import ConduitCore
import Fluent
import Foundation

/// Demo file audits: seed 004's 34 files, audited by the hub for the whole project
/// (21 spirit possession, 2 FGM, 2 honour-based, 10 trafficking: 35, one file
/// counted twice), and a few audits of individual partnerships; and evaluations of recent
/// training sessions and groups' answers to the safeguarding questionnaire.
enum AuditDemo {
    static let seedFiles: [Set<AbuseCategory>] =
        Array(repeating: [.abuseLinkedToFaithOrBelief], count: 20) + [[.abuseLinkedToFaithOrBelief, .trafficking]]
        + Array(repeating: [.trafficking], count: 9) + Array(repeating: [.femaleGenitalMutilation], count: 2)
        + Array(repeating: [.honourBasedAbuse], count: 2)

    static func load(on db: any Database) async throws {
        guard let form = try await StoredForm.query(on: db).filter(\.$key == "file-audit-tool").sort(\.$version, .descending).first(),
              let london = try await Partnership.query(on: db).filter(\.$code == "london").first(),
              let coordinator = try await User.query(on: db).filter(\.$email == "coordinator@conduit.example").first(),
              let auditor = try await User.query(on: db).filter(\.$email == "auditor@conduit.example").first() else { return }
        let definition = try FormStore.definition(of: form)
        var random = DirectoryDemo.Generator(state: 2007_07)
        let start = CalendarDate(year: 2007, month: 1, day: 15)!
        for (index, categories) in seedFiles.enumerated() {
            try await add(categories, reference: String(format: "CPP/2007/%03d", index + 1), on: start.adding(days: index * 3), partnership: try london.requireID(),
                          auditor: try coordinator.requireID(), form: form, definition: definition, random: &random, db: db)
        }
        // Later audits by partnerships themselves, with the same tool.
        let own: [(code: String, files: [Set<AbuseCategory>])] = [
            ("hackney", [[.abuseLinkedToFaithOrBelief], [.trafficking], [.femaleGenitalMutilation], [.trafficking, .childSexualExploitation]]),
            ("camden", [[.femaleGenitalMutilation], [.honourBasedAbuse, .forcedMarriage], [.abuseLinkedToFaithOrBelief]]),
            ("newham", [[.trafficking], [.childCriminalExploitation]]),
        ]
        for (code, files) in own {
            guard let partnership = try await Partnership.query(on: db).filter(\.$code == code).first() else { continue }
            for (index, categories) in files.enumerated() {
                try await add(categories, reference: "\(code.uppercased())/2026/\(String(format: "%04d", 101 + index))", on: CalendarDate(year: 2026, month: 3, day: 2 + index * 7)!,
                              partnership: try partnership.requireID(), auditor: try auditor.requireID(), form: form, definition: definition, random: &random, db: db)
            }
        }
        try await loadResponses(random: &random, on: db)
    }

    /// Evaluations of Camden's three latest sessions and questionnaire answers from a few groups.
    static func loadResponses(random: inout DirectoryDemo.Generator, on db: any Database) async throws {
        guard let adviser = try await User.query(on: db).filter(\.$email == "adviser@conduit.example").first(),
              let camden = try await Partnership.query(on: db).filter(\.$code == "camden").first() else { return }
        // The demo adviser's own partnership, so signing in as them shows the results.
        for (key, subjects) in [
            ("training-evaluation", try await TrainingSession.query(on: db).filter(\.$partnership.$id == camden.requireID())
                .sort(\.$sessionOn, .descending).limit(3).all()
                .map { (subject: FileAuditSubject.session($0.id!), partnership: $0.$partnership.id, on: CalendarDate(iso: $0.sessionOn)!, responses: random.int(4...9)) }),
            ("faith-group-questionnaire", try await CommunityGroup.query(on: db).filter(\.$mergedIntoID == nil).sort(\.$name).limit(4).all()
                .map { (subject: FileAuditSubject.group($0.id!), partnership: $0.$partnership.id, on: CalendarDate(year: 2026, month: 2, day: 10)!, responses: 1) }),
        ] {
            guard let form = try await StoredForm.query(on: db).filter(\.$key == key).sort(\.$version, .descending).first() else { continue }
            let definition = try FormStore.definition(of: form)
            for subject in subjects {
                for number in 1...subject.responses {
                    try await add([], reference: "Response \(number)", on: subject.on, partnership: subject.partnership, auditor: try adviser.requireID(),
                                  form: form, definition: definition, subject: subject.subject, random: &random, db: db)
                }
            }
        }
    }

    enum FileAuditSubject {
        case session(UUID), group(UUID)
    }

    /// A submitted audit (or response) with plausible answers to every question that applies.
    static func add(_ categories: Set<AbuseCategory>, reference: String, on date: CalendarDate, partnership: UUID, auditor: UUID, form: StoredForm,
                    definition: FormDefinition, subject: FileAuditSubject? = nil, random: inout DirectoryDemo.Generator, db: any Database) async throws {
        let audit = FormResponse()
        switch subject {
        case .session(let id): audit.$trainingSession.id = id
        case .group(let id): audit.$group.id = id
        case nil: break
        }
        audit.version = 1
        audit.fileReference = reference
        audit.auditedOn = date.description
        audit.status = .draft
        audit.$form.id = try form.requireID()
        audit.$partnership.id = partnership
        audit.$auditor.id = auditor
        try await audit.save(on: db)
        let (answers, ratings) = filledIn(definition, categories: categories, on: date, random: &random)
        try await FormStore.save(answers, ratings: ratings, of: audit, definition: definition, expectedVersion: audit.version, on: db)
        audit.status = .submitted
        audit.submittedAt = date.start(in: Formats.ukTimeZone)
        try await audit.saveVersioned(expectedVersion: audit.version, on: db)
    }

    /// Plausible answers to every question that applies, and a rating of each rated section.
    static func filledIn(_ definition: FormDefinition, categories: Set<AbuseCategory>, on date: CalendarDate,
                         random: inout DirectoryDemo.Generator) -> (answers: Answers, ratings: [(section: String, rating: SectionRating, reason: String)]) {
        var answers: Answers = [:]
        for question in definition.sections.flatMap(\.questions) {
            guard FormValidation.isRelevant(question, in: definition, answers: answers) else { continue }
            switch question.type {
            case .category: answers[question.key] = Answer(values: categories.map(\.rawValue).sorted())
            case .yesNo: answers[question.key] = Answer(values: [random.pick(["yes", "yes", "yes", "no", "partly", "not_known"])])
            case .singleChoice where question.key == "confidence-after":
                // Most participants leave more confident than they came, as organisers report.
                answers[question.key] = Answer(values: [random.pick(["very_confident", "very_confident", "fairly_confident", "not_very_confident"])])
            case .singleChoice, .multipleChoice:
                if let choice = question.choices?.isEmpty == false ? random.pick(question.choices!) : nil { answers[question.key] = Answer(values: [choice.value]) }
            case .wholeNumber: if question.required { answers[question.key] = Answer(values: [String(random.int(0...4))]) }
            case .date: if question.required { answers[question.key] = Answer(values: [date.adding(days: -random.int(30...700)).description]) }
            case .shortText, .longText:
                if question.key.hasSuffix("-good-practice"), random.chance(25) {
                    answers[question.key] = Answer(values: [random.pick(["Clear chronology kept up to date", "Interpreter used for every meeting with the family",
                                                                         "Early strategy discussion with police"])])
                } else if question.key.hasSuffix("-concerns"), random.chance(25) {
                    answers[question.key] = Answer(values: [random.pick(["Religion not recorded", "Family's beliefs not explored with them",
                                                                         "No record of the child being seen alone"])])
                } else if question.key == "will-do-differently", random.chance(60) {
                    answers[question.key] = Answer(values: [random.pick(["Talk to our imam about the safeguarding lead", "Call the children's services front door when worried",
                                                                         "Ask to see our madrasa's child protection policy"])])
                } else if question.required {
                    answers[question.key] = Answer(values: ["Recorded on file"])
                }
            }
        }
        let ratings = definition.sections.filter(\.rated).map { section in
            (section: section.key, rating: random.pick([SectionRating.good, .adequate, .adequate, .requiresImprovement, .inadequate]), reason: "")
        }
        return (answers, ratings)
    }
}
