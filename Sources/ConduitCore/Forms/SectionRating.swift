/// An auditor's judgement of one section of a file: the four-point scale used in case
/// file audits, from good practice down to practice that leaves children unsafe.
public enum SectionRating: String, Codable, Sendable, CaseIterable {
    case good
    case adequate
    case requiresImprovement = "requires_improvement"
    case inadequate

    public var title: String {
        switch self {
        case .good: "Good"
        case .adequate: "Adequate"
        case .requiresImprovement: "Requires improvement"
        case .inadequate: "Inadequate"
        }
    }
}
