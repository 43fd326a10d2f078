import Testing
@testable import ConduitCore

@Suite("Return workflow")
struct ReturnWorkflowTests {
    /// Every transition from every status: the status it leads to, or nil if refused.
    static let table: [(ReturnTransition, ReturnStatus, ReturnStatus?)] = [
        (.save, .draft, .draft), (.save, .submitted, nil), (.save, .approved, nil), (.save, .returned, .returned),
        (.submit, .draft, .submitted), (.submit, .submitted, nil), (.submit, .approved, nil), (.submit, .returned, .submitted),
        (.approve, .draft, nil), (.approve, .submitted, .approved), (.approve, .approved, nil), (.approve, .returned, nil),
        (.sendBack(comment: "Age bands missing"), .draft, nil), (.sendBack(comment: "Age bands missing"), .submitted, .returned),
        (.sendBack(comment: "Age bands missing"), .approved, nil), (.sendBack(comment: "Age bands missing"), .returned, nil),
        (.reopen(reason: "Police figures corrected"), .draft, nil), (.reopen(reason: "Police figures corrected"), .submitted, nil),
        (.reopen(reason: "Police figures corrected"), .approved, .draft), (.reopen(reason: "Police figures corrected"), .returned, nil),
    ]

    @Test("every transition from every status", arguments: table)
    func transitions(transition: ReturnTransition, from status: ReturnStatus, to expected: ReturnStatus?) {
        // act
        let result = ReturnWorkflow.apply(transition, to: status)
        // check
        switch result {
        case .success(let next):
            #expect(next == expected)
        case .failure(let problem):
            #expect(expected == nil, "\(problem.message)")
            #expect(problem.field == "status")
            #expect(problem.message.hasSuffix("."))
        }
    }

    @Test("the table covers every pair")
    func coverage() {
        #expect(Self.table.count == 5 * ReturnStatus.allCases.count)
        #expect(Set(Self.table.map { "\($0.0)|\($0.1)" }).count == Self.table.count)
    }

    @Test("changing an approved return says it is locked and how to unlock it", arguments: [ReturnTransition.save, .submit])
    func locked(transition: ReturnTransition) {
        #expect(ReturnWorkflow.apply(transition, to: .approved) == .failure(FieldProblem(
            field: "status", message: "An approved return is locked. A coordinator must reopen it, giving a reason, before it can be changed.")))
    }

    @Test("refusals say where the return is")
    func refusals() {
        #expect(ReturnWorkflow.apply(.approve, to: .draft) == .failure(FieldProblem(
            field: "status", message: "Only a submitted return can be approved. This return is a draft.")))
        #expect(ReturnWorkflow.apply(.save, to: .submitted) == .failure(FieldProblem(
            field: "status", message: "A submitted return cannot be changed while it waits for approval. Ask a coordinator to send it back.")))
        #expect(ReturnWorkflow.apply(.reopen(reason: "x"), to: .returned) == .failure(FieldProblem(
            field: "status", message: "Only an approved return can be reopened. This return has been sent back for changes, so it is not locked.")))
    }

    @Test("sending back needs a comment, reopening a reason", arguments: ["", "   ", "\n\t"])
    func blankComments(text: String) {
        #expect(ReturnWorkflow.apply(.sendBack(comment: text), to: .submitted)
            == .failure(FieldProblem(field: "comment", message: "Enter a comment saying what needs to change")))
        #expect(ReturnWorkflow.apply(.reopen(reason: text), to: .approved)
            == .failure(FieldProblem(field: "reason", message: "Enter the reason for reopening the return")))
    }

    @Test("only a draft or a return sent back can be edited")
    func editable() {
        #expect(ReturnStatus.allCases.filter(\.isEditable) == [.draft, .returned])
        // check: editable is exactly where saving is allowed
        for status in ReturnStatus.allCases {
            #expect(status.isEditable == ((try? ReturnWorkflow.apply(.save, to: status).get()) != nil))
        }
        #expect(ReturnStatus.allCases.map(\.title) == ["Draft", "Submitted", "Approved", "Sent back for changes"])
    }
}
