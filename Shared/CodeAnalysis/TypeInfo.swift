/// A type declaration (class, struct, enum, protocol, interface, actor, extension-free) found in a file.
public struct TypeInfo: Codable, Sendable, Equatable {
    public var name: String
    public var line: Int
    public var isPublic: Bool
    public var isDocumented: Bool

    public init(name: String, line: Int, isPublic: Bool, isDocumented: Bool) {
        self.name = name
        self.line = line
        self.isPublic = isPublic
        self.isDocumented = isDocumented
    }
}
