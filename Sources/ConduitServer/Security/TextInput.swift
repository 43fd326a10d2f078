import ConduitCore
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Vapor

/// Every string decoded from a request, in a form, a JSON body or a query string, passes
/// `TextRules` here and is stored in NFC (issue 13). One mechanism at the depth where text
/// enters, so no input, the sign-in fields included, can miss it. Every refused field of
/// the request is reported at once, as a `ValidationFailure` naming each.
struct CheckedTextDecoder: ContentDecoder, URLQueryDecoder {
    let content: (any ContentDecoder)?
    let query: (any URLQueryDecoder)?

    init(content: any ContentDecoder) { self.content = content; query = nil }
    init(query: any URLQueryDecoder) { content = nil; self.query = query }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        let problems = TextProblems()
        let value = try content!.decode(Checked<D>.self, from: body, headers: headers, userInfo: userInfo.adding(problems)).value
        try problems.throwIfAny()
        return value
    }

    func decode<D: Decodable>(_ decodable: D.Type, from url: URI) throws -> D {
        try decode(D.self, from: url, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from url: URI, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        let problems = TextProblems()
        let value = try query!.decode(Checked<D>.self, from: url, userInfo: userInfo.adding(problems)).value
        try problems.throwIfAny()
        return value
    }

    /// Puts the checked decoders in place of Vapor's for forms (urlencoded and multipart),
    /// JSON and query strings.
    static func install(in configuration: inout ContentConfiguration) throws {
        // Applications are configured many times in one test process: wrap once.
        guard !(try configuration.requireURLDecoder() is CheckedTextDecoder) else { return }
        for type in [HTTPMediaType.json, .jsonAPI, .urlEncodedForm, .formData] {
            configuration.use(decoder: CheckedTextDecoder(content: try configuration.requireDecoder(for: type)), for: type)
        }
        configuration.use(urlDecoder: CheckedTextDecoder(query: try configuration.requireURLDecoder()))
    }
}

/// Checks query strings and form bodies before any handler reads them, so that a handler
/// reading a field leniently (a missing field is empty) cannot take a refused one for
/// missing. JSON bodies are decoded strictly, and checked by `CheckedTextDecoder`; multipart
/// bodies, which may be large uploads, are checked by `CSRFMiddleware` within the route's limit.
struct TextInputMiddleware: AsyncMiddleware {
    /// Forms are small; uploads are multipart and their files are checked as CSV.
    static let maximumFormBody = 512 * 1024

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var problems = Self.problems(inFormEncoded: req.url.query ?? "")
        if req.headers.contentType == .urlEncodedForm {
            let body = try await req.body.collect(max: Self.maximumFormBody).get()
            problems += Self.problems(inFormEncoded: body.map { String(buffer: $0) } ?? "")
        }
        if !problems.isEmpty { throw ValidationFailure(problems: problems) }
        return try await next.respond(to: req)
    }

    /// The refused values of `a=1&b=two+words`, each named by its key.
    static func problems(inFormEncoded text: String) -> [FieldProblem] {
        guard !text.isEmpty else { return [] }
        var problems: [FieldProblem] = []
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String? { part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            let key = decoded(parts[0]) ?? String(parts[0])
            guard let value = parts.count > 1 ? decoded(parts[1]) : "" else {
                let field = TextRules.escaped(key)
                problems.append(.init(field: field, message: "\(field): the text is not valid UTF-8: type it again"))
                continue
            }
            for text in [key, value] {
                if let refusal = TextRules.refusal(in: text) {
                    problems.append(TextProblems.problem(refusal, field: TextRules.escaped(key)))
                    break
                }
            }
        }
        return problems
    }
}

extension TextInputMiddleware {
    /// Refuses a multipart body (already collected) whose text parts or file names hold refused text.
    static func checkMultipart(_ req: Request) throws {
        guard req.headers.contentType == .formData, let boundary = req.headers.contentType?.parameters["boundary"], let body = req.body.data else { return }
        let problems = problems(inMultipart: body, boundary: boundary)
        if !problems.isEmpty { throw ValidationFailure(problems: problems) }
    }

    /// The refused values of a multipart form: each text part by its name, and each file's
    /// name (the file's own contents are checked where they are read, as CSV).
    static func problems(inMultipart body: ByteBuffer, boundary: String) -> [FieldProblem] {
        let parser = MultipartParser(boundary: boundary)
        var problems: [FieldProblem] = []
        var disposition = "", value = ByteBuffer()
        parser.onHeader = { name, content in
            if name.lowercased() == "content-disposition" { disposition = content }
        }
        parser.onBody = { chunk in value.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let parameters = Self.parameters(of: disposition)
            let field = TextRules.escaped(parameters["name"] ?? "part")
            let texts = parameters["filename"].map { [$0] } ?? [String(decoding: value.readableBytesView, as: UTF8.self)]
            if let refusal = texts.lazy.compactMap(TextRules.refusal(in:)).first {
                problems.append(TextProblems.problem(refusal, field: parameters["filename"] == nil ? field : field + " (file name)"))
            }
            disposition = ""
            value.clear()
        }
        do { try parser.execute(body) } catch {
            problems.append(.init(field: "body", message: "body: the form could not be read: send it again"))
        }
        return problems
    }

    /// `form-data; name="notes"; filename="a.csv"` → ["name": "notes", "filename": "a.csv"].
    private static func parameters(of disposition: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for piece in disposition.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            parameters[pair[0].lowercased()] = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
        }
        return parameters
    }
}

/// The refusals found while decoding one request.
final class TextProblems: @unchecked Sendable {
    // One decode runs on one thread; the lock only makes that assumption safe to state.
    private let lock = NIOLock()
    private var problems: [FieldProblem] = []

    static let key = CodingUserInfoKey(rawValue: "conduit.textProblems")!

    func add(_ problem: FieldProblem) { lock.withLock { problems.append(problem) } }

    func throwIfAny() throws {
        let found = lock.withLock { problems }
        if !found.isEmpty { throw ValidationFailure(problems: found) }
    }

    /// Checks one decoded string: the NFC text, or the text without its refused characters
    /// (so decoding goes on and finds the next problem) with the refusal recorded.
    static func check(_ text: String, at path: [any CodingKey], in decoder: any Decoder) -> String {
        do {
            return try TextRules.checked(text)
        } catch {
            (decoder.userInfo[key] as? TextProblems)?.add(problem(error, field: FieldName.of(path)))
            return ""
        }
    }

    static func problem(_ refusal: TextRules.Refusal, field: String) -> FieldProblem {
        FieldProblem(field: field, message: "\(field): \(refusal.message)")
    }
}

/// A field's name as the form or the API body spells it: `answers.q3`, `servedIDs[1]`.
enum FieldName {
    static func of(_ path: [any CodingKey]) -> String {
        var name = ""
        for key in path {
            if let index = key.intValue, key.stringValue == String(index) || key.stringValue.hasPrefix("Index ") {
                name += "[\(index)]"
            } else {
                name += (name.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return name.isEmpty ? "body" : name
    }
}

private extension Dictionary where Key == CodingUserInfoKey, Value == any Sendable {
    func adding(_ problems: TextProblems) -> Self {
        var copy = self
        copy[TextProblems.key] = problems
        return copy
    }
}

/// A value decoded through `CheckedDecoder`, so every string inside it is checked.
private struct Checked<Value: Decodable>: Decodable {
    var value: Value
    init(from decoder: any Decoder) throws {
        value = try Value(from: CheckedDecoder(base: decoder))
    }
}

/// Whether a type is decoded as it is: strings are checked, and types whose decoders
/// special-case them (dates, URLs, ids, numbers) hold no free text to check.
private func passesThrough<T>(_ type: T.Type) -> Bool {
    T.self is Date.Type || T.self is UUID.Type || T.self is Data.Type || T.self is URL.Type || T.self is Decimal.Type
        || T.self is Bool.Type || T.self is Int.Type || T.self is Double.Type || T.self is Int64.Type
        // Uploads: the multipart decoder reads them itself; their names are checked by `CSRFMiddleware`.
        || T.self is any MultipartPartConvertible.Type || T.self is ByteBuffer.Type
}

private struct CheckedDecoder: Decoder {
    let base: any Decoder
    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(CheckedKeyed(base: try base.container(keyedBy: type), decoder: base))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        CheckedUnkeyed(base: try base.unkeyedContainer(), decoder: base)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CheckedSingle(base: try base.singleValueContainer(), decoder: base)
    }
}

private struct CheckedKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    var base: KeyedDecodingContainer<Key>
    let decoder: any Decoder
    var codingPath: [any CodingKey] { base.codingPath }
    var allKeys: [Key] { base.allKeys }

    func contains(_ key: Key) -> Bool { base.contains(key) }
    func decodeNil(forKey key: Key) throws -> Bool { try base.decodeNil(forKey: key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try base.decode(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        TextProblems.check(try base.decode(type, forKey: key), at: codingPath + [key], in: decoder)
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try base.decode(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try base.decode(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try base.decode(type, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try base.decode(type, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try base.decode(type, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try base.decode(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try base.decode(type, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try base.decode(type, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try base.decode(type, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try base.decode(type, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try base.decode(type, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try base.decode(type, forKey: key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if T.self is String.Type { return try decode(String.self, forKey: key) as! T }
        if passesThrough(T.self) { return try base.decode(type, forKey: key) }
        return try base.decode(Checked<T>.self, forKey: key).value
    }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(CheckedKeyed<NestedKey>(base: try base.nestedContainer(keyedBy: type, forKey: key), decoder: decoder))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        CheckedUnkeyed(base: try base.nestedUnkeyedContainer(forKey: key), decoder: decoder)
    }
    func superDecoder() throws -> any Decoder { CheckedDecoder(base: try base.superDecoder()) }
    func superDecoder(forKey key: Key) throws -> any Decoder { CheckedDecoder(base: try base.superDecoder(forKey: key)) }
}

private struct CheckedUnkeyed: UnkeyedDecodingContainer {
    var base: any UnkeyedDecodingContainer
    let decoder: any Decoder
    var codingPath: [any CodingKey] { base.codingPath }
    var count: Int? { base.count }
    var isAtEnd: Bool { base.isAtEnd }
    var currentIndex: Int { base.currentIndex }

    private struct Index: CodingKey {
        var intValue: Int?
        var stringValue: String
        init(_ index: Int) { intValue = index; stringValue = String(index) }
        init?(stringValue: String) { return nil }
        init?(intValue: Int) { self.init(intValue) }
    }

    mutating func decodeNil() throws -> Bool { try base.decodeNil() }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }
    mutating func decode(_ type: String.Type) throws -> String {
        let path = codingPath + [Index(currentIndex)]
        return TextProblems.check(try base.decode(type), at: path, in: decoder)
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self is String.Type { return try decode(String.self) as! T }
        if passesThrough(T.self) { return try base.decode(type) }
        return try base.decode(Checked<T>.self).value
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(CheckedKeyed<NestedKey>(base: try base.nestedContainer(keyedBy: type), decoder: decoder))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        CheckedUnkeyed(base: try base.nestedUnkeyedContainer(), decoder: decoder)
    }
    mutating func superDecoder() throws -> any Decoder { CheckedDecoder(base: try base.superDecoder()) }
}

private struct CheckedSingle: SingleValueDecodingContainer {
    let base: any SingleValueDecodingContainer
    let decoder: any Decoder
    var codingPath: [any CodingKey] { base.codingPath }

    func decodeNil() -> Bool { base.decodeNil() }
    func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
    func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
    func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }
    func decode(_ type: String.Type) throws -> String {
        TextProblems.check(try base.decode(type), at: codingPath, in: decoder)
    }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self is String.Type { return try decode(String.self) as! T }
        if passesThrough(T.self) { return try base.decode(type) }
        return try base.decode(Checked<T>.self).value
    }
}

/// The API's upload routes check a multipart body's text as the pages' do (where
/// `CSRFMiddleware` reads it): the body is read here within the route's limit.
struct MultipartTextMiddleware: AsyncMiddleware {
    var maxBody: ByteCount

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.headers.contentType == .formData {
            if req.body.data == nil { _ = try await req.body.collect(max: maxBody.value).get() }
            try TextInputMiddleware.checkMultipart(req)
        }
        return try await next.respond(to: req)
    }
}
