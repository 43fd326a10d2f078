import Crypto
import Foundation

/// Single-use recovery codes, for when the authenticator is lost.
public enum RecoveryCodes {
    /// How many codes a person is given at enrolment.
    public static let count = 10

    /// Ten codes of the form `xxxx-xxxx-xxxx`, from an alphabet without look-alikes.
    public static func generate() -> [String] {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<3).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }
                .joined(separator: "-")
        }
    }

    /// The form a code is stored and compared in: lowercase, no spaces or hyphens.
    public static func normalise(_ code: String) -> String {
        code.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// SHA-256 of the normalised code. The codes carry 60 random bits each and are
    /// single-use, so a fast hash is enough.
    public static func digest(_ code: String) -> String {
        SHA256.hash(data: Data(normalise(code).utf8)).hexString
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal.
    public var hexString: String {
        map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
