import ConduitCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Configures Conduit: database, migrations, middleware and routes.
public func configure(_ app: Application, settings: Settings) throws {
    app.settings = settings
    _ = app.clock

    switch settings.store {
    case .sqlite(let path):
        // Foreign keys are switched on for every connection by the driver; a busy
        // handler waits for the write lock instead of failing.
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .postgres(let url):
        app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
    }
    app.dataKeys = DataKeys(dataKey: settings.dataKey)
    app.refusalLog = RefusalLog()
    app.migrations.add(Migrations.all(keys: app.dataKeys))
    useModelMiddleware(app)

    // bcrypt's cost makes guessing slow; tests use the lowest cost to stay fast.
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 12))
    app.routes.defaultMaxBodySize = "512kb"
    // Every string a request brings is checked and normalised as it is decoded (issue 13).
    var content = ContentConfiguration.global
    try CheckedTextDecoder.install(in: &content)
    ContentConfiguration.global = content

    // Outermost first: headers go on every response, errors become generic pages.
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorMiddleware())
    app.middleware.use(VisitorMiddleware())
    app.middleware.use(TextInputMiddleware())

    routes(app)
    app.asyncCommands.use(ConduitServeCommand(serve: app.asyncCommands.commands["serve"]!), as: "serve", isDefault: true)
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(RetentionCommand(), as: "retention")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(TOTPCommand(), as: "totp")
    app.asyncCommands.use(FormsCommand(), as: "forms")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(ImportCommand(), as: "import")
}

/// The model middleware of the database: every counted record gets its permanent random key
/// when it is first stored (issue 14). Called again by whoever registers the database anew.
public func useModelMiddleware(_ app: Application) {
    app.databases.middleware.use(RecordKeyMiddleware<Attendance>())
    app.databases.middleware.use(RecordKeyMiddleware<Engagement>())
    app.databases.middleware.use(RecordKeyMiddleware<FormResponse>())
    app.databases.middleware.use(RecordKeyMiddleware<Concern>())
}

/// Brings the database up to date: WAL mode for SQLite, then every migration.
public func prepareDatabase(_ app: Application) async throws {
    if case .sqlite = app.settings.store {
        // Readers do not wait for writers in WAL mode; the setting stays with the file.
        try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
    }
    try await app.autoMigrate()
    guard try await CreateDataKeyFingerprint.matches(app.dataKeys, on: app.db) else {
        throw Settings.Problem(description: "The data key is not the one this database was written with: set CONDUIT_DATA_KEY (or CONDUIT_DATA_KEY_FILE) to that key. Without it no password or second factor can be checked.")
    }
    try await FormStore.storeBuiltInForms(on: app.db)
}

/// Every migration, in the order it landed. Append only; never edit one that has landed.
enum Migrations {
    static func all(keys: DataKeys) -> [any Migration] { [
        CreatePartnership(),
        CreateUser(),
        CreateMembership(),
        CreateRecoveryCode(),
        CreateSession(),
        CreateAPIToken(),
        CreateSignInThrottle(),
        CreateAuditEntry(),
        CreateOrganisation(),
        CreateContact(),
        CreateReadinessItem(),
        CreateEngagement(),
        CreatePendingImport(),
        CreateTraining(),
        CreateFileAudit(),
        AddSubjectToFileAudit(),
        AddReturnSourceToMembership(),
        CreateReturns(),
        CreateDataKeyFingerprint(keys: keys),
        SealSecondFactorSecrets(keys: keys),
        AddExpiryToAPIToken(),
        CreateReturnPartnershipDeadline(),
        CreateRelease(),
        AddRecordKeys(),
        CreateConcern(),
        CreateRetentionPeriod(),
        CreateSafeguardingPageText(),
        CreateKeptForm(),
        CreateLibraryResource(),
    ] }
}
