/// Whose records the figures of a return come from (DESIGN.md part 6).
///
/// Seed 004 found the same kind of abuse counted very differently by children's social
/// care and by the police (honour-based violence, finding 9), and that communities tell
/// advisers of concerns that reach neither. Each source therefore makes its own return,
/// so the figures can be set side by side instead of being added up blind.
public enum ReturnSource: String, CaseIterable, Codable, Sendable {
    case localAuthority = "local_authority"
    case police
    case health
    case education
    case community

    public var title: String {
        switch self {
        case .localAuthority: "Local authority children's social care"
        case .police: "Police"
        case .health: "Health"
        case .education: "Education"
        case .community: "Community (via adviser)"
        }
    }
}
