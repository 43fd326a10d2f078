import Foundation
import Testing
@testable import ConduitCore

@Suite("Form engine")
struct FormEngineTests {
    /// A → B → C: B shown when A is yes, C shown when B is yes.
    static let chain = FormDefinition(key: "chain", title: "Chain", version: 1, sections: [
        FormSection(key: "one", title: "One", questions: [
            FormQuestion(key: "a", label: "Was there a strategy meeting?", type: .yesNo, required: true),
            FormQuestion(key: "b", label: "Was there a conference?", type: .yesNo, required: true,
                         relevance: Relevance(question: "a", values: ["yes"])),
        ]),
        FormSection(key: "two", title: "Two", rated: true, questions: [
            FormQuestion(key: "c", label: "Was the plan changed?", type: .yesNo, required: true,
                         relevance: Relevance(question: "b", values: ["yes"]), followUp: "How?"),
            FormQuestion(key: "notes", label: "Notes", type: .longText),
        ]),
    ])

    /// One question of each type, none depending on another.
    static let everyType = FormDefinition(key: "types", title: "Types", version: 1, sections: [
        FormSection(key: "all", title: "All", questions: [
            FormQuestion(key: "yn", label: "Is religion recorded?", type: .yesNo, required: true),
            FormQuestion(key: "single", label: "Who referred?", type: .singleChoice, required: true,
                         choices: [FormChoice(value: "police", label: "Police"), FormChoice(value: "health", label: "Health")]),
            FormQuestion(key: "multi", label: "What was the initial response?", type: .multipleChoice,
                         choices: [FormChoice(value: "nfa", label: "NFA"), FormChoice(value: "s47", label: "s47 enquiries")]),
            FormQuestion(key: "short", label: "Who attended?", type: .shortText),
            FormQuestion(key: "long", label: "Notes", type: .longText),
            FormQuestion(key: "number", label: "Number of children", type: .wholeNumber),
            FormQuestion(key: "date", label: "Date of referral", type: .date),
            FormQuestion(key: "cat", label: "Categories", type: .category),
        ]),
    ])

    func json(_ definition: FormDefinition) throws -> Data {
        try JSONEncoder().encode(definition)
    }

    // MARK: - Relevance

    @Test("a question is hidden when the question it depends on is hidden, whatever its own parent says")
    func relevanceChain() {
        // setup: B was answered yes while A was yes; then A became no
        let answers: Answers = ["a": Answer(values: ["no"]), "b": Answer(values: ["yes"]), "c": Answer(values: ["yes"], followUp: "x")]
        let c = Self.chain.question("c")!
        // act / check
        #expect(!FormValidation.isRelevant(c, in: Self.chain, answers: answers))
        #expect(!FormValidation.isRelevant(Self.chain.question("b")!, in: Self.chain, answers: answers))
        #expect(FormValidation.isRelevant(c, in: Self.chain, answers: ["a": Answer(values: ["yes"]), "b": Answer(values: ["yes"])]))
    }

    @Test("cleaning drops the answers of hidden questions and unknown keys")
    func cleaned() {
        // setup
        let answers: Answers = ["a": Answer(values: ["no"]), "b": Answer(values: ["yes"]), "c": Answer(values: ["yes"]),
                                "notes": Answer(values: ["fine"]), "stale": Answer(values: ["yes"])]
        // act
        let result = FormValidation.cleaned(answers, for: Self.chain)
        // check
        #expect(result == ["a": Answer(values: ["no"]), "notes": Answer(values: ["fine"])])
    }

    @Test("cleaning keeps a follow-up only with the answer that opens it")
    func cleanedFollowUp() {
        // setup
        let shown: Answers = ["a": Answer(values: ["yes"]), "b": Answer(values: ["yes"])]
        // act
        let partly = FormValidation.cleaned(shown.merging(["c": Answer(values: ["partly"], followUp: "Moved school")]) { $1 }, for: Self.chain)
        let no = FormValidation.cleaned(shown.merging(["c": Answer(values: ["no"], followUp: "Moved school")]) { $1 }, for: Self.chain)
        // check
        #expect(partly["c"] == Answer(values: ["partly"], followUp: "Moved school"))
        #expect(no["c"] == Answer(values: ["no"]))
    }

    // MARK: - Validation examples

    @Test("each type's bad values give a problem naming the question", arguments: [
        ("yn", ["maybe"], "Select one answer to ‘Is religion recorded?’"),
        ("yn", ["yes", "no"], "Select one answer to ‘Is religion recorded?’"),
        ("single", ["school"], "Select one of the options for ‘Who referred?’"),
        ("multi", ["nfa", "court"], "Select only the options listed for ‘What was the initial response?’"),
        ("multi", ["nfa", "nfa"], "Select only the options listed for ‘What was the initial response?’"),
        ("short", [String(repeating: "a", count: 501)], "‘Who attended?’ must be 500 characters or less"),
        ("long", [String(repeating: "a", count: 10_001)], "‘Notes’ must be 10,000 characters or less"),
        ("number", ["2.5"], "‘Number of children’ must be a whole number"),
        ("number", ["two"], "‘Number of children’ must be a whole number"),
        ("number", ["-3"], "‘Number of children’ must be 0 or more"),
        ("number", ["99999999999999999999999"], "‘Number of children’ must be a smaller number"),
        ("date", ["2025-02-29"], "‘Date of referral’ must be a real date, for example 2025-03-27"),
        ("date", ["29/02/2024"], "‘Date of referral’ must be a real date, for example 2025-03-27"),
        ("cat", ["23A", "spirit"], "Select only the categories listed for ‘Categories’"),
    ])
    func badValues(key: String, values: [String], message: String) {
        // setup
        let answers: Answers = [key: Answer(values: values)]
        // act
        let problems = FormValidation.problems(answers, for: Self.everyType, complete: false)
        // check
        #expect(problems == [FieldProblem(field: key, message: message)])
    }

    @Test("good values of every type give no problem")
    func goodValues() {
        // setup
        let answers: Answers = [
            "yn": Answer(values: ["not_applicable"]), "single": Answer(values: ["police"]), "multi": Answer(values: ["nfa", "s47"]),
            "short": Answer(values: [String(repeating: "a", count: 500)]), "long": Answer(values: ["Line one\nLine two"]),
            "number": Answer(values: [" 12 "]), "date": Answer(values: ["2024-02-29"]), "cat": Answer(values: ["23A", "honour_based_abuse"]),
        ]
        // act
        let problems = FormValidation.problems(answers, for: Self.everyType, complete: true)
        // check
        #expect(problems.isEmpty)
    }

    @Test("required questions are asked for only when complete, and only when relevant")
    func required() {
        // setup
        let answers: Answers = ["a": Answer(values: ["no"]), "b": Answer(values: [])]
        // act
        let draft = FormValidation.problems(answers, for: Self.chain, complete: false)
        let complete = FormValidation.problems([:], for: Self.chain, complete: true)
        let hidden = FormValidation.problems(answers, for: Self.chain, complete: true)
        let shown = FormValidation.problems(["a": Answer(values: ["yes"]), "b": Answer(values: [" "])], for: Self.chain, complete: true)
        // check
        #expect(draft.isEmpty)
        #expect(complete == [FieldProblem(field: "a", message: "Answer ‘Was there a strategy meeting?’")])
        #expect(hidden.isEmpty)
        #expect(shown == [FieldProblem(field: "b", message: "Answer ‘Was there a conference?’")])
    }

    @Test("the section filter checks one section's questions only")
    func sectionFilter() {
        // setup: A and B shown but unanswered; C shown and answered badly; an unknown key
        let answers: Answers = ["a": Answer(values: ["yes"]), "b": Answer(values: ["yes"]), "c": Answer(values: ["sure"]),
                                "stale": Answer(values: ["x"])]
        // act
        let one = FormValidation.problems(["stale": Answer(values: ["x"])], for: Self.chain, section: "one", complete: true)
        let two = FormValidation.problems(answers, for: Self.chain, section: "two", complete: true)
        let all = FormValidation.problems(answers, for: Self.chain, complete: true)
        // check
        #expect(one.map(\.field) == ["a"])
        #expect(two == [FieldProblem(field: "c", message: "Select one answer to ‘Was the plan changed?’")])
        #expect(all.map(\.field) == ["c", "stale"])
    }

    @Test("a follow-up that is too long is a problem of its question")
    func longFollowUp() {
        // setup
        let answers: Answers = ["a": Answer(values: ["yes"]), "b": Answer(values: ["yes"]),
                                "c": Answer(values: ["yes"], followUp: String(repeating: "x", count: 10_001))]
        // act
        let problems = FormValidation.problems(answers, for: Self.chain, complete: true)
        // check
        #expect(problems == [FieldProblem(field: "c", message: "The details for ‘Was the plan changed?’ must be 10,000 characters or less")])
    }

    // MARK: - Properties

    /// A random definition: random types, and about half the questions depending on an earlier one.
    static func randomDefinition(using generator: inout SeededGenerator) -> FormDefinition {
        var earlier: [FormQuestion] = []
        var sections: [FormSection] = []
        for s in 0..<Int.random(in: 1...4, using: &generator) {
            var questions: [FormQuestion] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let type = QuestionType.allCases.randomElement(using: &generator)!
                let choices = (type == .singleChoice || type == .multipleChoice)
                    ? (0..<Int.random(in: 1...4, using: &generator)).map { FormChoice(value: "c\($0)", label: "Choice \($0)") } : nil
                var relevance: Relevance?
                if let parent = earlier.randomElement(using: &generator), Bool.random(using: &generator) {
                    let pool = parent.allowedValues.map(Array.init) ?? ["1", "x", "2025-01-01"]
                    relevance = Relevance(question: parent.key, values: [pool.randomElement(using: &generator)!])
                }
                let question = FormQuestion(key: "q\(earlier.count)", label: "Question \(earlier.count)", type: type,
                                            required: Bool.random(using: &generator), choices: choices, relevance: relevance,
                                            followUp: type == .yesNo && Bool.random(using: &generator) ? "If so, what?" : nil)
                questions.append(question)
                earlier.append(question)
            }
            sections.append(FormSection(key: "s\(s)", title: "Section \(s)", rated: Bool.random(using: &generator), questions: questions))
        }
        return FormDefinition(key: "random", title: "Random", version: 1, sections: sections)
    }

    /// Random answers: valid values, junk, blanks, several values and keys the form does not have.
    static func randomAnswers(for definition: FormDefinition, using generator: inout SeededGenerator) -> Answers {
        let junk = ["", " ", "maybe", "-1", "1e3", "2025-13-01", "c9", "23A", "yes", "no", "0", "12", "2024-02-29", "c0",
                    String(repeating: "z", count: 600), "\u{0}", "٣"]
        var answers: Answers = [:]
        for question in definition.questions + [FormQuestion(key: "ghost", label: "Ghost", type: .yesNo)] where Int.random(in: 0..<4, using: &generator) > 0 {
            let valid = question.allowedValues.map(Array.init) ?? ["7", "Some text", "2025-03-27"]
            let pool = Bool.random(using: &generator) ? valid : junk
            let values = (0..<Int.random(in: 0...2, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
            answers[question.key] = Answer(values: values, followUp: Bool.random(using: &generator) ? "details" : nil)
        }
        return answers
    }

    @Test("random definitions and answers: no required problem for a hidden question, and cleaning leaves none")
    func randomProperty() throws {
        // setup
        var generator = SeededGenerator(seed: 4004)
        for _ in 0..<400 {
            let definition = Self.randomDefinition(using: &generator)
            let answers = Self.randomAnswers(for: definition, using: &generator)
            // act
            let problems = FormValidation.problems(answers, for: definition, complete: true)
            let cleaned = FormValidation.cleaned(answers, for: definition)
            // check: a definition that only looks back decodes
            #expect(throws: Never.self) { try FormDefinition.decode(json: try json(definition)) }
            for problem in problems {
                let question = definition.question(problem.field)
                #expect(question != nil || problem.field == "ghost")
                if let question {
                    #expect(FormValidation.isRelevant(question, in: definition, answers: answers), "\(problem)")
                }
            }
            for question in definition.questions {
                let relevant = FormValidation.isRelevant(question, in: definition, answers: answers)
                // hidden questions never answered after cleaning; shown answers kept as given
                #expect(relevant || cleaned[question.key] == nil, "\(question.key)")
                if relevant { #expect(cleaned[question.key]?.values == answers[question.key]?.values) }
                // cleaning does not change what is shown
                #expect(FormValidation.isRelevant(question, in: definition, answers: cleaned) == relevant)
                if question.required && relevant && (answers[question.key]?.isBlank ?? true) {
                    #expect(problems.contains(FieldProblem(field: question.key, message: "Answer ‘\(question.label)’")))
                }
            }
            #expect(cleaned["ghost"] == nil)
            #expect(FormValidation.cleaned(cleaned, for: definition) == cleaned)
            #expect(FormValidation.problems(cleaned, for: definition, complete: false).allSatisfy { !$0.message.hasPrefix("Answer ") })
        }
    }

    @Test("definitions built in code that loop or name missing questions never crash: the question is hidden")
    func malformedInCode() {
        // setup
        let looping = FormDefinition(key: "loop", title: "Loop", version: 1, sections: [FormSection(key: "s", title: "S", questions: [
            FormQuestion(key: "x", label: "X", type: .yesNo, required: true, relevance: Relevance(question: "y", values: ["yes"])),
            FormQuestion(key: "y", label: "Y", type: .yesNo, required: true, relevance: Relevance(question: "x", values: ["yes"])),
            FormQuestion(key: "z", label: "Z", type: .yesNo, required: true, relevance: Relevance(question: "gone", values: ["yes"])),
        ])])
        let answers: Answers = ["x": Answer(values: ["yes"]), "y": Answer(values: ["yes"])]
        // act
        let problems = FormValidation.problems(answers, for: looping, complete: true)
        // check
        #expect(problems.isEmpty)
        #expect(FormValidation.cleaned(answers, for: looping).isEmpty)
    }

    // MARK: - Versioning and decoding

    @Test("a second version with a changed label and an added question keeps the first version's keys")
    func versioning() throws {
        // setup
        var v2 = Self.chain
        v2.version = 2
        v2.sections[0].questions[0].label = "Was a strategy meeting held?"
        v2.sections[1].questions.append(FormQuestion(key: "d", label: "Who attended?", type: .shortText))
        // act
        let decoded = try FormDefinition.decode(json: json(v2))
        // check
        let v1Keys = Self.chain.questions.map(\.key)
        #expect(Array(decoded.questions.map(\.key).prefix(v1Keys.count)) == v1Keys)
        #expect(decoded.question("d")?.label == "Who attended?")
        #expect(decoded.question("a")?.label == "Was a strategy meeting held?")
        #expect(decoded.version == 2)
    }

    @Test("decoding refuses a question key used twice")
    func duplicateKeys() throws {
        // setup
        var definition = Self.chain
        definition.sections[1].questions[1].key = "a"
        let data = try json(definition)
        // act / check
        #expect(throws: FormDefinitionError(message: "Question key ‘a’ is used more than once")) {
            try FormDefinition.decode(json: data)
        }
    }

    @Test("decoding refuses relevance on a later question")
    func forwardRelevance() throws {
        // setup: A depends on C, which comes after it
        var definition = Self.chain
        definition.sections[0].questions[0].relevance = Relevance(question: "c", values: ["yes"])
        let data = try json(definition)
        // act / check
        #expect(throws: FormDefinitionError(message: "Question ‘a’ depends on ‘c’, which is not an earlier question")) {
            try FormDefinition.decode(json: data)
        }
    }

    @Test("decoding refuses other broken definitions with a message naming the problem", arguments: [
        (#"{"key":"k","title":"T","version":1,"sections":[{"key":"s","title":"S","rated":false,"questions":[{"key":"q","label":"Who?","type":"single_choice","required":true}]}]}"#,
         "Question ‘q’ is a choice question with no choices"),
        (#"{"key":"k","title":"T","version":1,"sections":[{"key":"s","title":"S","rated":false,"questions":[{"key":"q","label":"Q","type":"yes_no","required":true},{"key":"r","label":"R","type":"long_text","required":false,"relevance":{"question":"q","values":["maybe"]}}]}]}"#,
         "Question ‘r’ depends on the answer ‘maybe’, which ‘q’ does not offer"),
        (#"{"key":"k","title":"T","version":1,"sections":[{"key":"s","title":"S","rated":false,"questions":[{"key":"q","label":"Q","type":"essay","required":true}]}]}"#,
         "The form definition is not valid JSON of a form"),
        (#"{"key":"k","title":"T","version":0,"sections":[]}"#, "The form ‘k’ must have a version of 1 or more"),
        ("not json", "The form definition is not valid JSON of a form"),
    ])
    func brokenDefinitions(text: String, message: String) {
        // act
        let error = #expect(throws: FormDefinitionError.self) { try FormDefinition.decode(json: Data(text.utf8)) }
        // check
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }

    // MARK: - The File Audit Tool

    @Test("the built-in File Audit Tool has seed 004 Appendix 1's sections in order")
    func fileAuditTool() throws {
        // act
        let tool = try #require(FormDefinition.builtIn.first { $0.key == "file-audit-tool" })
        // check
        #expect(tool.title == "File Audit Tool")
        #expect(tool.version == 1)
        #expect(tool.sections.map(\.title) == [
            "File details", "Basic file details", "Nature of concerns referred", "Initial response", "Later planning",
            "Diversity", "Case management", "Service user views", "General",
        ])
        #expect(tool.sections.map(\.rated) == [false] + Array(repeating: true, count: 8))
        #expect(tool.questions.count >= 40)
        #expect(tool.questions.filter { $0.type == .yesNo }.allSatisfy { $0.required })
        #expect(tool.questions.filter { $0.type == .shortText || $0.type == .longText }.allSatisfy { !$0.required })
        let categories = tool.questions.filter { $0.type == .category }
        #expect(categories.map(\.key) == ["categories"])
        #expect(categories.first?.required == true)
        #expect(tool.section("nature-of-concerns")?.questions.contains { $0.type == .category } == true)
        for section in tool.sections where section.rated {
            let keys = section.questions.map(\.key)
            #expect(keys.contains("\(section.key)-good-practice") && keys.contains("\(section.key)-concerns"), "\(section.key)")
        }
        #expect(tool.question("religion-recorded")?.label == "Is religion recorded?")
    }

    @Test("in the File Audit Tool, the conference's analysis is asked only after a conference")
    func fileAuditRelevance() throws {
        // setup
        let tool = try #require(FormDefinition.builtIn.first { $0.key == "file-audit-tool" })
        let analysis = try #require(tool.question("conference-analysis"))
        // act
        let noConference = FormValidation.problems(["child-protection-conference": Answer(values: ["no"])], for: tool,
                                                   section: "later-planning", complete: true)
        // check
        #expect(FormValidation.isRelevant(analysis, in: tool, answers: ["child-protection-conference": Answer(values: ["yes"])]))
        #expect(!noConference.map(\.field).contains("conference-analysis"))
        #expect(!noConference.map(\.field).contains("child-protection-register"))
        #expect(noConference.contains(FieldProblem(field: "strategy-meeting", message: "Answer ‘Was there a strategy meeting?’")))
    }
}
