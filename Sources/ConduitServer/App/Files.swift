import Foundation
import Vapor

/// Files people download and upload, the same way in every part.
enum Files {
    /// The largest spreadsheet accepted by an import.
    static let maxUpload: ByteCount = "20mb"
    /// A library document's upload: the file's limit (`DocumentCheck`) and room for the form,
    /// so an over-size file is answered with the form's message, not a bare 413.
    static let maxDocument: ByteCount = "12mb"

    /// A CSV download named for what it holds and the day it was made.
    static func csv(_ text: String, name: String, req: Request) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)-\(req.today).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// A JSON download named for what it holds and the day it was made.
    static func json(_ data: Data, name: String, req: Request) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)-\(req.today).json\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// An uploaded file's text: UTF-8, or Windows-1252 as spreadsheets saved in Excel often are.
    static func text(of file: File) -> String? {
        let data = Data(buffer: file.data)
        return String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252)
    }
}

extension Response {
    /// An API answer with a status other than 200 (201 for something created).
    static func json<T: Content>(_ value: T, status: HTTPStatus, req: Request) async throws -> Response {
        let response = try await value.encodeResponse(for: req)
        response.status = status
        return response
    }
}
