import Backends
import Foundation
import Security
import Server

/// A problem with the command line, shown to the user with the usage text.
struct OptionError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
