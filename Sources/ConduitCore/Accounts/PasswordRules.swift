import Foundation

/// Password rules of OWASP ASVS 5.0 (V6.2): length, not composition; no common passwords.
public enum PasswordRules {
    public static let minimumLength = 12
    public static let maximumLength = 128

    /// Why a password cannot be used.
    public enum Problem: Equatable, Sendable {
        case missing, tooShort, tooLong, common, containsEmail

        /// The message shown beside the field.
        public var message: String {
            switch self {
            case .missing: "Enter a password"
            case .tooShort: "Password must be \(PasswordRules.minimumLength) characters or more"
            case .tooLong: "Password must be \(PasswordRules.maximumLength) characters or fewer"
            case .common: "Password is too common: choose one that is harder to guess, such as three or four random words"
            case .containsEmail: "Password must not contain your email address"
            }
        }
    }

    /// The first problem with a new password, or nil if it can be used.
    public static func check(_ password: String, email: String? = nil) -> Problem? {
        // Counted in characters, as people count them (ASVS 6.2.1).
        let length = password.count
        if length == 0 { return .missing }
        if length < minimumLength { return .tooShort }
        if length > maximumLength { return .tooLong }
        if CommonPasswords.contains(password) { return .common }
        if let email, !email.isEmpty, password.lowercased().contains(email.lowercased()) { return .containsEmail }
        return nil
    }
}

/// The list of common passwords shipped in Resources (see its README for provenance).
public enum CommonPasswords {
    static let list: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).map(String.init))
    }()

    /// Whether the password, ignoring case, is on the list.
    public static func contains(_ password: String) -> Bool {
        list.contains(password.lowercased())
    }

    /// How many passwords are on the list; a test checks the list was bundled.
    public static var count: Int { list.count }
}
