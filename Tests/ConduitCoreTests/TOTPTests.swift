import Foundation
import Testing
@testable import ConduitCore

@Suite("TOTP (RFC 6238) and Base32")
struct TOTPTests {
    // RFC 6238 Appendix B: the seeds are the ASCII digits repeated to the hash's block size.
    static let sha1Seed = Array("12345678901234567890".utf8)
    static let sha256Seed = Array("12345678901234567890123456789012".utf8)
    static let sha512Seed = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)

    static let vectors: [(time: TimeInterval, sha1: String, sha256: String, sha512: String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ]

    @Test("matches every test vector of RFC 6238", arguments: vectors.indices)
    func rfcVectors(index: Int) {
        // setup
        let vector = Self.vectors[index]
        let date = Date(timeIntervalSince1970: vector.time)
        // act
        let sha1 = TOTP(secret: Self.sha1Seed, digits: 8, algorithm: .sha1).code(at: date)
        let sha256 = TOTP(secret: Self.sha256Seed, digits: 8, algorithm: .sha256).code(at: date)
        let sha512 = TOTP(secret: Self.sha512Seed, digits: 8, algorithm: .sha512).code(at: date)
        // check
        #expect(sha1 == vector.sha1)
        #expect(sha256 == vector.sha256)
        #expect(sha512 == vector.sha512)
    }

    @Test("accepts the current code and one step of drift, once only")
    func singleUse() {
        // setup
        let totp = TOTP(secret: Self.sha1Seed)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let code = totp.code(at: now)
        let step = totp.step(at: now)
        // act
        let first = totp.matchingStep(for: code, at: now, after: nil)
        let reused = totp.matchingStep(for: code, at: now, after: first)
        let previous = totp.matchingStep(for: totp.code(step: step - 1), at: now, after: nil)
        let tooOld = totp.matchingStep(for: totp.code(step: step - 2), at: now, after: nil)
        // check
        #expect(first == step)
        #expect(reused == nil)
        #expect(previous == step - 1)
        #expect(tooOld == nil)
        #expect(totp.matchingStep(for: "12345", at: now, after: nil) == nil)
        #expect(totp.matchingStep(for: "abcdef", at: now, after: nil) == nil)
    }

    @Test("Base32 encodes RFC 4648's test vectors and round-trips any bytes")
    func base32() {
        // RFC 4648 section 10, without padding.
        let cases = ["": "", "f": "MY", "fo": "MZXQ", "foo": "MZXW6", "foob": "MZXW6YQ", "fooba": "MZXW6YTB", "foobar": "MZXW6YTBOI"]
        for (plain, encoded) in cases {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Array(plain.utf8))
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
        #expect(Base32.decode("mzxw 6ytb-oi") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil)
    }

    @Test("the provisioning URI names the issuer, account and secret")
    func provisioningURI() {
        let uri = TOTP(secret: Array("foobar".utf8)).provisioningURI(issuer: "Conduit", account: "adviser@camden.example")
        #expect(uri == "otpauth://totp/Conduit:adviser@camden.example?secret=MZXW6YTBOI&issuer=Conduit&algorithm=SHA1&digits=6&period=30")
    }
}

@Suite("Recovery codes")
struct RecoveryCodeTests {
    @Test("ten different codes, compared without case, spaces or hyphens")
    func codes() {
        let codes = RecoveryCodes.generate()
        #expect(codes.count == 10)
        #expect(Set(codes).count == 10)
        #expect(codes.allSatisfy { $0.count == 14 })
        #expect(RecoveryCodes.digest(codes[0]) == RecoveryCodes.digest(" " + codes[0].uppercased().replacingOccurrences(of: "-", with: " ")))
        #expect(RecoveryCodes.digest(codes[0]) != RecoveryCodes.digest(codes[1]))
    }
}
