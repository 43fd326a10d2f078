/// The categories of abuse (DESIGN.md part 6): DfE Children in Need census factor codes
/// where one exists, project categories where none does.
///
/// Seed 004 recommendations 3 and 4: partnerships counted these differently, so Conduit
/// stores the national code and a file audit, a return and a concern use the same list.
/// The titles follow the factor wording of the DfE CIN census guide as recalled (not
/// checked against the current guide here): "Abuse linked to faith or belief" (23A, with
/// seed 004's "spirit possession" added in brackets so auditors recognise it), "Domestic
/// abuse" for 3A–3C (renamed from "domestic violence" in 2022).
public enum AbuseCategory: String, Codable, Sendable, CaseIterable {
    case femaleGenitalMutilation = "22A"
    case abuseLinkedToFaithOrBelief = "23A"
    case trafficking = "12A"
    case childSexualExploitation = "11A"
    case childCriminalExploitation = "24A"
    case domesticAbuseChild = "3A"
    case domesticAbuseParent = "3B"
    case domesticAbuseOther = "3C"
    // No CIN census factor exists for these; seed 004 counts honour-based violence as one
    // of its four areas, and forced marriage comes up beside it in partnerships' work.
    case honourBasedAbuse = "honour_based_abuse"
    case forcedMarriage = "forced_marriage"

    public var title: String {
        switch self {
        case .femaleGenitalMutilation: "Female genital mutilation"
        case .abuseLinkedToFaithOrBelief: "Abuse linked to faith or belief (including spirit possession)"
        case .trafficking: "Trafficking"
        case .childSexualExploitation: "Child sexual exploitation"
        case .childCriminalExploitation: "Child criminal exploitation"
        case .domesticAbuseChild: "Domestic abuse: concerns about the child as a subject"
        case .domesticAbuseParent: "Domestic abuse: concerns about the child's parent or carer"
        case .domesticAbuseOther: "Domestic abuse: concerns about another person in the household"
        case .honourBasedAbuse: "Honour-based abuse"
        case .forcedMarriage: "Forced marriage"
        }
    }

    /// Where the code comes from: "DfE CIN census factor 22A" or "Conduit project category".
    public var source: String {
        switch self {
        case .honourBasedAbuse, .forcedMarriage: "Conduit project category"
        default: "DfE CIN census factor \(rawValue)"
        }
    }
}
