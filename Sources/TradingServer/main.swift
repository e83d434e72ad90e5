import Foundation
import Generated
import APIRuntime

/// The composition root: `serve` (the default) runs the server; the other commands answer
/// questions about the API it is generated from.
let usage = """
    usage: trading-server [command] [options]

    commands:
      serve           start the API server (default)
      migrate         apply pending database migrations and exit
      import-candles FILE --symbol S --market M --timeframe TF
                      load a CSV of candles (date,open,high,low,close,volume)
      import-fundamentals FILE
                      load a CSV of fundamentals, one row a symbol, its header naming the
                      columns: ticker and market (required; market KR, US, CRYPTO or FX),
                      per, pbr, psr, roe, roa, operating_margin, net_margin, revenue_growth,
                      earnings_growth, dividend_yield, debt_ratio (decimal numbers, percent
                      figures in percent: 12.5 is 12.5 %), market_cap (exact decimal, in the
                      market's currency), sector; an empty cell is an unknown figure. A
                      re-import replaces the rows of the symbols it names; a bad cell is
                      reported with its line and column and nothing is written
      import-executions FILE
                      load a broker's executions into the trade journal: a CSV whose header
                      names the columns executed_at (ISO 8601 UTC, or YYYY-MM-DD HH:MM:SS in
                      UTC), symbol (either form), side (buy or sell), quantity and price
                      (above 0), fee (optional, at least 0, empty is 0), exchange (the
                      broker, e.g. kis; not paper or paper-margin) and execution_id
                      (optional). A line already imported is skipped (the same exchange and
                      execution_id, or else the same values); a bad line, or a sell of more
                      than that exchange holds of the symbol at its time, is reported with
                      its line (and column) and nothing is written
      user create --username U --role \(AccessLevel.roles.map(\.name).joined(separator: "|"))
                      add a user; the password is read from standard input
      routes          list every operation: method, path, required role, operationId
      spec [--json]   print the OpenAPI document the server is generated from
      --help          show this text

    options of serve (flag, or the environment variable in brackets):
    \(ServeOptions.help)
    """

/// `COMMAND FILE [options]`: runs `load` on FILE with the options that follow it and exits with
/// its status; 64 without a FILE or for an option it does not know.
func runFileCommand(_ command: String, _ arguments: [String], _ load: (String, ServeOptions) -> Int32) -> Never {
    guard let file = arguments.first, !file.hasPrefix("--") else {
        FileHandle.standardError.write(Data("trading-server: \(command) needs FILE\n\n\(usage)\n".utf8))
        exit(64)
    }
    do {
        let options = try ServeOptions(arguments: Array(arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        exit(load(file, options))
    } catch {
        FileHandle.standardError.write(Data("trading-server: \(error)\n".utf8))
        exit(64)
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first.flatMap { $0.hasPrefix("-") && $0 != "--help" ? nil : $0 } ?? "serve"
if !arguments.isEmpty && arguments[0] == command { arguments.removeFirst() }

switch command {
case "--help", "help":
    print(usage)
case "routes":
    for operation in APIOperation.all {
        let method = operation.method.padding(toLength: 7, withPad: " ", startingAt: 0)
        let path = operation.path.padding(toLength: 48, withPad: " ", startingAt: 0)
        let role = "\(operation.requiredLevel)".padding(toLength: 7, withPad: " ", startingAt: 0)
        print("\(method)\(path)\(role)\(operation.id.rawValue)")
    }
case "spec":
    print(arguments.contains("--json") ? OpenAPISpec.json : OpenAPISpec.yaml)
case "serve", "migrate":
    do {
        let options = try ServeOptions(arguments: arguments, environment: ProcessInfo.processInfo.environment)
        exit(command == "serve" ? Serve.run(options) : Serve.migrate(options))
    } catch {
        FileHandle.standardError.write(Data("trading-server: \(error)\n\n\(usage)\n".utf8))
        exit(64)
    }
case "import-candles":
    var rest = arguments
    var wanted: [String: String] = [:]
    var file: String?
    while !rest.isEmpty {
        let argument = rest.removeFirst()
        if ["--symbol", "--market", "--timeframe"].contains(argument), !rest.isEmpty {
            wanted[argument] = rest.removeFirst()
        } else if file == nil && !argument.hasPrefix("--") {
            file = argument
        } else if !rest.isEmpty {
            wanted[argument] = rest.removeFirst()
        }
    }
    guard let file, let symbol = wanted.removeValue(forKey: "--symbol"), let market = wanted.removeValue(forKey: "--market"),
          let timeframe = wanted.removeValue(forKey: "--timeframe") else {
        FileHandle.standardError.write(Data("trading-server: import-candles needs FILE --symbol --market --timeframe\n\n\(usage)\n".utf8))
        exit(64)
    }
    do {
        let options = try ServeOptions(arguments: wanted.flatMap { [$0.key, $0.value] }, environment: ProcessInfo.processInfo.environment)
        exit(Serve.importCandles(file: file, symbol: symbol, market: market, timeframe: timeframe, options: options))
    } catch {
        FileHandle.standardError.write(Data("trading-server: \(error)\n".utf8))
        exit(64)
    }
case "import-fundamentals":
    runFileCommand(command, arguments, Serve.importFundamentals)
case "import-executions":
    runFileCommand(command, arguments, Serve.importExecutions)
case "user":
    var rest = arguments
    guard rest.first == "create" else {
        FileHandle.standardError.write(Data("trading-server: usage: user create --username U --role R\n".utf8))
        exit(64)
    }
    rest.removeFirst()
    var wanted: [String: String] = [:]
    var others: [String] = []
    while !rest.isEmpty {
        let argument = rest.removeFirst()
        if ["--username", "--role"].contains(argument), !rest.isEmpty {
            wanted[argument] = rest.removeFirst()
        } else {
            others.append(argument)
        }
    }
    guard let username = wanted["--username"], let role = wanted["--role"] else {
        FileHandle.standardError.write(Data("trading-server: user create needs --username and --role\n".utf8))
        exit(64)
    }
    do {
        let options = try ServeOptions(arguments: others, environment: ProcessInfo.processInfo.environment)
        exit(Serve.createUser(username: username, role: role, options: options))
    } catch {
        FileHandle.standardError.write(Data("trading-server: \(error)\n".utf8))
        exit(64)
    }
default:
    FileHandle.standardError.write(Data("trading-server: unknown command '\(command)'\n\n\(usage)\n".utf8))
    exit(64)
}
