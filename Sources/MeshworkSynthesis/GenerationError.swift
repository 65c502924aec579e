/// Why a community could not be generated.
public enum GenerationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A configuration value is out of range; the text names it.
    case invalidConfiguration(String)
    /// The output directory (first value) could not be created, for the reason given.
    case cannotCreateDirectory(String, reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): return "invalid configuration: \(reason)"
        case .cannotCreateDirectory(let path, let reason): return "cannot create directory \(path): \(reason)"
        }
    }
}
