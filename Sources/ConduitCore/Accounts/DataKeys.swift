import Crypto
import Foundation

/// The keys Conduit keeps outside its database (issue 13, ASVS 11.2 and 14.2): a stolen
/// database file or backup then holds neither a bcrypt hash that can be guessed at offline
/// without the pepper, nor anyone's second factor. Both are derived from one data key
/// (`CONDUIT_DATA_KEY`, or a key file beside the database in development) with HKDF, a
/// separate key for each use.
public struct DataKeys: Sendable {
    // Kept as bytes: SymmetricKey is not Sendable.
    private let pepperBytes: [UInt8]
    private let secretsBytes: [UInt8]
    private let restrictedBytes: [UInt8]
    /// Stored in the database once, so that starting with another key is refused instead of
    /// every password and code failing as if it were wrong. Reveals nothing of the key.
    public let fingerprint: String
    private var pepperKey: SymmetricKey { SymmetricKey(data: pepperBytes) }
    private var secretsKey: SymmetricKey { SymmetricKey(data: secretsBytes) }
    private var restrictedKey: SymmetricKey { SymmetricKey(data: restrictedBytes) }

    /// Stored password hashes made with the pepper start with this; older ones are plain bcrypt.
    public static let pepperedPrefix = "hmac-sha256$"
    /// Sealed secrets start with this; anything else is a secret stored before encryption.
    public static let sealedPrefix = "v1:"

    public init(dataKey: [UInt8]) {
        let material = SymmetricKey(data: dataKey)
        func derive(_ use: String) -> [UInt8] {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: material, info: Data(use.utf8), outputByteCount: 32).withUnsafeBytes { Array($0) }
        }
        pepperBytes = derive("conduit password pepper v1")
        secretsBytes = derive("conduit second-factor secrets v1")
        restrictedBytes = derive("conduit restricted fields v1")
        fingerprint = derive("conduit data key fingerprint v1").map { String(format: "%02x", $0) }.joined()
    }

    /// What bcrypt is given for a password: its HMAC-SHA-256 under the pepper, in base64
    /// (44 bytes). bcrypt reads only 72 bytes, so a 128-character password and another with
    /// the same first 72 bytes would otherwise be the same password.
    public func peppered(_ password: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(password.utf8), using: pepperKey)).base64EncodedString()
    }

    /// A secret (an authenticator key) sealed with AES-GCM for storage.
    public func seal(_ secret: String) -> String { Self.seal(secret, using: secretsKey) }

    /// A restricted field of a sensitive record (the names in a concern, who raised it) sealed
    /// for storage, under a key of its own: a stolen database or backup does not hold them.
    public func sealRestricted(_ text: String) -> String { Self.seal(text, using: restrictedKey) }

    /// A restricted field as it was sealed; nil as `open(_:)`.
    public func openRestricted(_ stored: String) -> String? { Self.open(stored, using: restrictedKey) }

    private static func seal(_ text: String, using key: SymmetricKey) -> String {
        // AES-GCM with a fresh random nonce; `combined` is nonce, ciphertext and tag.
        let box = try! AES.GCM.seal(Data(text.utf8), using: key)
        return sealedPrefix + box.combined!.base64EncodedString()
    }

    /// The secret as it was sealed; nil when the value was sealed with another key, changed
    /// (its tag does not match), or not sealed at all: `SealSecondFactorSecrets` sealed every
    /// key stored before, so a key in clear can only have been planted.
    public func open(_ stored: String) -> String? { Self.open(stored, using: secretsKey) }

    private static func open(_ stored: String, using key: SymmetricKey) -> String? {
        guard stored.hasPrefix(sealedPrefix),
              let data = Data(base64Encoded: String(stored.dropFirst(sealedPrefix.count))),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }

    /// A random data key, for a new installation's key file.
    public static func generate() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
