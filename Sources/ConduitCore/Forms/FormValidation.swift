import Foundation

/// The rules of answering a form: which questions apply, and what is wrong with the answers.
public enum FormValidation {
    /// GOV.UK character count limits, generous enough for an auditor's notes on one file.
    public static let shortTextLimit = 500
    public static let longTextLimit = 10_000

    /// Whether a question applies given the answers: its relevance condition holds, and the
    /// question it depends on is itself relevant.
    public static func isRelevant(_ question: FormQuestion, in definition: FormDefinition, answers: Answers) -> Bool {
        var visiting: Set<String> = []
        return isRelevant(question, in: definition, answers: answers, visiting: &visiting)
    }

    private static func isRelevant(_ question: FormQuestion, in definition: FormDefinition, answers: Answers,
                                   visiting: inout Set<String>) -> Bool {
        guard let relevance = question.relevance else { return true }
        // A decoded definition only looks back, but one built in code might loop or name a
        // question that does not exist: such a question is never shown, rather than crashing.
        guard visiting.insert(question.key).inserted, let parent = definition.question(relevance.question) else { return false }
        guard let answer = answers[parent.key], answer.values.contains(where: relevance.values.contains) else { return false }
        return isRelevant(parent, in: definition, answers: answers, visiting: &visiting)
    }

    /// The answers with those of questions that no longer apply removed (so hidden answers
    /// never count in findings). Answers to questions the form does not have go too, and a
    /// follow-up is kept only with the answer that opens it.
    public static func cleaned(_ answers: Answers, for definition: FormDefinition) -> Answers {
        var result: Answers = [:]
        for question in definition.questions {
            guard var answer = answers[question.key], isRelevant(question, in: definition, answers: answers) else { continue }
            if answer.followUp != nil, !opensFollowUp(answer, of: question) { answer.followUp = nil }
            result[question.key] = answer
        }
        return result
    }

    /// Every problem of the answers to one section (or all sections when nil), by question
    /// key: types, lengths, and — when `complete` is true — required questions that are
    /// relevant and unanswered. Irrelevant questions are never required, and their answers
    /// are not checked: the person cannot see them to put them right, and `cleaned` drops them.
    public static func problems(_ answers: Answers, for definition: FormDefinition, section: String? = nil,
                                complete: Bool) -> [FieldProblem] {
        let sections = definition.sections.filter { section == nil || $0.key == section }
        var problems: [FieldProblem] = []
        for question in sections.flatMap(\.questions) where isRelevant(question, in: definition, answers: answers) {
            let name = "‘\(question.label)’"
            func add(_ message: String) { problems.append(FieldProblem(field: question.key, message: message)) }
            guard let answer = answers[question.key], !answer.isBlank else {
                if complete && question.required { add("Answer \(name)") }
                continue
            }
            if let message = problem(with: answer.values, of: question, name: name) { add(message) }
            if let followUp = answer.followUp, TextLimit.exceeds(followUp, characters: longTextLimit) {
                add("The details for \(name) must be \(longTextLimit.grouped()) characters or less")
            }
        }
        if section == nil {
            // Keys the form does not have: a stale or forged submission, not a typing slip.
            for key in answers.keys.sorted() where definition.question(key) == nil {
                problems.append(FieldProblem(field: key, message: "This form has no question ‘\(key)’"))
            }
        }
        return problems
    }

    /// The problem with a non-blank answer's values, if any.
    private static func problem(with values: [String], of question: FormQuestion, name: String) -> String? {
        let single = values.count == 1 ? values[0] : nil
        switch question.type {
        case .yesNo:
            guard let single, YesNo(rawValue: single) != nil else { return "Select one answer to \(name)" }
        case .singleChoice:
            guard let single, question.allowedValues?.contains(single) == true else { return "Select one of the options for \(name)" }
        case .multipleChoice:
            guard let allowed = question.allowedValues, values.allSatisfy(allowed.contains), Set(values).count == values.count
            else { return "Select only the options listed for \(name)" }
        case .category:
            guard values.allSatisfy({ AbuseCategory(rawValue: $0) != nil }), Set(values).count == values.count
            else { return "Select only the categories listed for \(name)" }
        case .shortText, .longText:
            guard let single else { return "Enter one answer to \(name)" }
            let limit = question.type == .shortText ? shortTextLimit : longTextLimit
            if TextLimit.exceeds(single, characters: limit) { return "\(name) must be \(limit.grouped()) characters or less" }
        case .wholeNumber:
            let text = single?.trimmingCharacters(in: .whitespaces) ?? ""
            if text.hasPrefix("-"), text.dropFirst().allSatisfy(\.isASCIIDigit), text.count > 1 { return "\(name) must be 0 or more" }
            guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else { return "\(name) must be a whole number" }
            if Int(text) == nil { return "\(name) must be a smaller number" }
        case .date:
            guard let single, CalendarDate(iso: single) != nil else { return "\(name) must be a real date, for example 2025-03-27" }
        }
        return nil
    }

    private static func opensFollowUp(_ answer: Answer, of question: FormQuestion) -> Bool {
        guard question.followUp != nil else { return false }
        guard question.type == .yesNo else { return !answer.isBlank }
        return answer.values.contains { YesNo(rawValue: $0)?.opensFollowUp == true }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

private extension Int {
    /// 10000 as "10,000", the same on every machine (GOV.UK style, not the server's locale).
    func grouped() -> String {
        let digits = Array(String(self))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
