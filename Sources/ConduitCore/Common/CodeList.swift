/// A code list whose codes are stored as text and shown by their titles.
public protocol CodeList: RawRepresentable, CaseIterable where RawValue == String {
    /// What a page calls the code.
    var title: String { get }
}

extension CodeList {
    /// The title of a stored code; an unknown code (from an older list, say) is shown as it is.
    public static func title(of code: String) -> String {
        Self(rawValue: code)?.title ?? code
    }
}

extension GroupType: CodeList {}
extension GroupStatus: CodeList {}
extension Faith: CodeList {}
extension ContactRole: CodeList {}
extension ReadinessItem: CodeList {}
extension AbuseCategory: CodeList {}
extension YesNo: CodeList {}
extension TrainingAudience: CodeList {}
extension Gender: CodeList {}
extension AgeBand: CodeList {}
extension ParticipantRole: CodeList {}
extension EthnicityMajor: CodeList {}
extension ReturnSource: CodeList {}
extension EngagementChannel: CodeList {}
extension EngagementOutcome: CodeList {}
extension EngagementTopic: CodeList {}
extension ReturnAgeBand: CodeList {}
extension ReturnSex: CodeList {}
