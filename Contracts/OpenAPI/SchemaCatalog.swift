import Foundation

/// The JSON schema of every DTO a route names, and of every type those reference: `components/schemas` of the
/// OpenAPI document.
///
/// Swift cannot reflect a `Codable` type's keys and optionality at run time well enough to derive these, so they are
/// written out, one entry per DTO, in files that follow the library's folders (`SchemaCatalog+Auth.swift` …).
/// `OpenAPIDocumentTests` encodes a sample of every DTO and compares its keys with the entry, so a field added to a
/// DTO and forgotten here fails a test. Limits come from the same `…Rules` constants the DTOs' `validate()` use.
///
/// Top-level types are named as `TypeName.of` names them; nested types as `Outer.Inner` (`Saga.Step`), because
/// `TypeName.of(Saga.Step.self)` is only `Step`.
public enum SchemaCatalog {
    /// Every component, by name. Built from the per-area tables; a name defined twice stops the process at start-up
    /// rather than silently replacing a schema.
    public static let components: [String: OpenAPISchema] = Dictionary(
        uniqueKeysWithValues: [common, gateway, auth, projects, ai, learning, memory].flatMap { $0 }.map { ($0.key, $0.value) }
    )

    /// The schema a route's type name (`RouteDescriptor.requestBody`, `Response.body`) stands for: `[X]` is an array
    /// of X, anything else the component `componentName(forTypeName:)` names.
    public static func schema(forTypeName name: String) -> OpenAPISchema {
        if name.hasPrefix("["), name.hasSuffix("]") {
            return .array(schema(forTypeName: String(name.dropFirst().dropLast())))
        }
        return .ref(componentName(forTypeName: name))
    }

    /// Component names may only hold letters, digits, `.`, `-` and `_`, so a generic `Page<Project>` becomes
    /// `ProjectPage`; other names are used as they are.
    public static func componentName(forTypeName name: String) -> String {
        guard let open = name.firstIndex(of: "<"), name.hasSuffix(">") else { return name }
        let base = name[..<open]
        let argument = name[name.index(after: open)..<name.index(before: name.endIndex)]
        return componentName(forTypeName: String(argument)) + base
    }

    /// `Page<Item>`: one page of a cursor-paginated list. `nextCursor` is always written, `null` on the last page.
    static func page(of item: String) -> OpenAPISchema {
        .object([
            "items": .array(.ref(item)),
            "nextCursor": .string.nullable.described("Pass as `cursor` to get the next page; null on the last page."),
        ])
    }
}
