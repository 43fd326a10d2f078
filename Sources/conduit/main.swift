import ConduitServer
import Logging
import Vapor

// The conduit executable: reads the settings, configures the application and
// runs the command given (serve by default; see `conduit --help`).
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try configure(app, settings: try Settings.load(environment: environment))
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
