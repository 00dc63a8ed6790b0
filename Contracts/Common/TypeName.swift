import Foundation

/// The name a DTO is known by in the route table and the OpenAPI document. Taking the metatype rather than a
/// string literal makes a renamed type a compile error in the route table instead of a stale name.
public enum TypeName {
    public static func of<T>(_ type: T.Type) -> String {
        String(describing: type)
    }

    /// `[Element]`, the spelling the route table uses for JSON arrays.
    public static func array<T>(of type: T.Type) -> String {
        "[\(of(type))]"
    }
}
