/// A problem with one field of a form, an import row or an API body, worded for
/// the person who must fix it ("Enter …", "… must be …").
public struct FieldProblem: Equatable, Sendable, Codable {
    /// The field's name, as in the form or the API body.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
