/// Why a community could not be generated.
public enum GenerationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A configuration value is out of range; the text names it.
    case invalidConfiguration(String)
    /// The output directory could not be created.
    case cannotCreateDirectory(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): return "invalid configuration: \(reason)"
        case .cannotCreateDirectory(let path): return "cannot create directory \(path)"
        }
    }
}
