import Foundation

/// Swagger UI 5 for `/docs`. Its files come from a local folder when one is found (the
/// `swagger-ui-py` package that `make run` installs ships them), so the page works offline;
/// otherwise the page loads them from a public CDN.
///
/// The page holds no inline script or style: it starts Swagger UI with `initializerName`, a
/// file the server always serves itself, so `contentSecurityPolicy` can allow scripts from
/// `'self'` (and the CDN when used) only.
public struct SwaggerUI: Sendable {
    /// A file the page needs, held in memory.
    public struct Asset: Sendable {
        public var contentType: String
        public var bytes: [UInt8]
    }

    /// Where the assets are served.
    public static let assetPrefix = "/docs/assets/"
    static let files: [(name: String, contentType: String)] = [
        ("swagger-ui.css", "text/css; charset=utf-8"),
        ("swagger-ui-bundle.js", "application/javascript; charset=utf-8"),
        ("swagger-ui-standalone-preset.js", "application/javascript; charset=utf-8"),
        ("favicon-32x32.png", "image/png"),
        ("favicon-16x16.png", "image/png"),
    ]
    static let cdn = "https://unpkg.com/swagger-ui-dist@5/"
    /// The origin of `cdn`, for the policy.
    static let cdnOrigin = "https://unpkg.com"
    /// The one inline style Swagger UI 5 renders: the `<style>` inside the logo of its top bar
    /// (`.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}`), allowed by
    /// its hash rather than with `'unsafe-inline'`.
    static let logoStyleHash = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"
    /// The start-up script, served under `assetPrefix` whatever serves Swagger UI's own files.
    static let initializerName = "trading-swagger-initializer.js"
    /// Starts Swagger UI on the spec named by the `data-spec-url` of `#swagger-ui`. No
    /// validator badge: it would send the spec's address to swagger.io.
    static let initializer = Asset(contentType: "application/javascript; charset=utf-8", bytes: Array("""
        "use strict";
        window.ui = SwaggerUIBundle({
          url: document.getElementById("swagger-ui").dataset.specUrl,
          dom_id: "#swagger-ui",
          deepLinking: true,
          persistAuthorization: true,
          validatorUrl: null,
          presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
          plugins: [SwaggerUIBundle.plugins.DownloadUrl],
          layout: "StandaloneLayout"
        });

        """.utf8))

    /// Assets by file name; empty when the page uses the CDN.
    public let assets: [String: Asset]
    /// The folder the assets were read from.
    public let folder: String?

    /// Loads the assets from `folder`, or from the first folder found among the usual places.
    public init(folder: String? = nil) {
        let candidates = folder.map { [$0] } ?? Self.defaultFolders()
        for candidate in candidates {
            var loaded: [String: Asset] = [:]
            for file in Self.files {
                if let data = FileManager.default.contents(atPath: candidate + "/" + file.name) {
                    loaded[file.name] = Asset(contentType: file.contentType, bytes: Array(data))
                }
            }
            if loaded["swagger-ui-bundle.js"] != nil && loaded["swagger-ui.css"] != nil {
                assets = loaded
                self.folder = candidate
                return
            }
        }
        assets = [:]
        self.folder = nil
    }

    /// `TRADING_SWAGGER_UI_DIR`, then swagger-ui-py's static folder in `./.venv`.
    static func defaultFolders() -> [String] {
        var folders: [String] = []
        if let configured = ProcessInfo.processInfo.environment["TRADING_SWAGGER_UI_DIR"] { folders.append(configured) }
        let lib = ".venv/lib"
        for python in (try? FileManager.default.contentsOfDirectory(atPath: lib))?.sorted() ?? [] where python.hasPrefix("python") {
            folders.append("\(lib)/\(python)/site-packages/swagger_ui/static")
        }
        return folders
    }

    /// The asset for a request path under `assetPrefix`.
    public func asset(forPath path: String) -> Asset? {
        guard path.hasPrefix(Self.assetPrefix) else { return nil }
        let name = path.dropFirst(Self.assetPrefix.count)
        return name == Self.initializerName ? Self.initializer : assets[String(name)]
    }

    /// The `Content-Security-Policy` of the page: scripts, styles and images from this server
    /// (and the CDN when the files come from it; images also as `data:` URLs, which Swagger
    /// UI's stylesheet uses), requests to this server only (the spec and "Try it out"), no
    /// inline script and no inline style but the logo's, no plugins, no framing, no `<base>`
    /// and no form posts elsewhere.
    public var contentSecurityPolicy: String {
        let files = assets.isEmpty ? "'self' \(Self.cdnOrigin)" : "'self'"
        return "default-src 'none'; script-src \(files); style-src \(files) \(Self.logoStyleHash); img-src \(files) data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    /// The HTML page, pointing at `specURL`; `title` and `specURL` are the server's own text,
    /// never a client's.
    public func page(specURL: String = "/openapi.json", title: String) -> String {
        let base = assets.isEmpty ? Self.cdn : Self.assetPrefix
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>\(title) · Swagger UI</title>
          <link rel="stylesheet" href="\(base)swagger-ui.css">
          <link rel="icon" type="image/png" href="\(base)favicon-32x32.png" sizes="32x32">
        </head>
        <body>
          <div id="swagger-ui" data-spec-url="\(specURL)"></div>
          <script src="\(base)swagger-ui-bundle.js" charset="UTF-8"></script>
          <script src="\(base)swagger-ui-standalone-preset.js" charset="UTF-8"></script>
          <script src="\(Self.assetPrefix)\(Self.initializerName)" charset="UTF-8"></script>
        </body>
        </html>
        """
    }
}
