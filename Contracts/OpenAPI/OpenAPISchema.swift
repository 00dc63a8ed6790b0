import Foundation

/// A JSON Schema (the 2020-12 dialect of OpenAPI 3.1) for the shapes the DTOs of this library have. Deliberately
/// small: only what `SchemaCatalog` needs, built with static members and modifiers so that a catalog entry reads
/// like the Swift declaration it mirrors (`"name": .string.length(1...200)`, `"lock": .ref(ProjectLock.self).nullable`).
public struct OpenAPISchema: Sendable, Equatable {
    public indirect enum Shape: Sendable, Equatable {
        case string
        case integer
        case number
        case boolean
        /// Any JSON value (`JSONValue`): the empty schema `{}`, which `null` satisfies too.
        case any
        case array(OpenAPISchema)
        /// A struct, keyed by coding key. Properties marked `optional` may be absent; every other one is required.
        case object([String: OpenAPISchema])
        /// A `[String: Value]` dictionary.
        case map(OpenAPISchema)
        /// A `String`-backed enum: its raw values.
        case stringEnum([String])
        /// Exactly this string: the tag of a tagged union such as `StreamEvent`.
        case constant(String)
        /// Exactly one of these: a Swift enum with associated values.
        case oneOf([OpenAPISchema])
        /// A schema of `components/schemas`, by name.
        case ref(String)
    }

    public var shape: Shape
    /// As an object property: may be left out. A Swift optional that synthesized `Codable` writes only when present.
    public var isOptional = false
    /// May be `null`. A Swift optional that a hand-written `encode(to:)` always writes, as `null` when absent; such a
    /// property stays required, because the key is always there.
    public var isNullable = false
    public var format: String?
    public var description: String?
    public var minLength: Int?
    public var maxLength: Int?
    /// An ECMA-262 regular expression the string must match (JSON Schema `pattern`).
    public var pattern: String?
    /// An array must hold at least one element other than this number (JSON Schema `contains` + `not` + `const`).
    public var notAllEqualTo: Double?
    public var minItems: Int?
    public var maxItems: Int?
    public var minimum: Double?
    public var maximum: Double?
    public var defaultValue: JSONValue?

    public init(_ shape: Shape) {
        self.shape = shape
    }
}

// MARK: - Shapes

extension OpenAPISchema {
    public static let string = OpenAPISchema(.string)
    public static let integer = OpenAPISchema(.integer)
    public static let number = OpenAPISchema(.number)
    public static let boolean = OpenAPISchema(.boolean)
    public static let any = OpenAPISchema(.any)
    /// A `UUID` as the fleet writes it: lower case (answers are checked against this pattern).
    public static let uuid = OpenAPISchema.string.formatted("uuid").patterned("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    /// A `UUID` a client sends: either case is accepted.
    public static let uuidInput = OpenAPISchema.string.formatted("uuid")
        .patterned("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
    /// `Date` as `JSONCoding` writes it: ISO-8601 UTC without fractions.
    public static let dateTime = OpenAPISchema.string.formatted("date-time")

    public static func array(_ items: OpenAPISchema) -> OpenAPISchema { OpenAPISchema(.array(items)) }
    public static func object(_ properties: [String: OpenAPISchema]) -> OpenAPISchema { OpenAPISchema(.object(properties)) }
    public static func map(_ values: OpenAPISchema) -> OpenAPISchema { OpenAPISchema(.map(values)) }
    public static func constant(_ value: String) -> OpenAPISchema { OpenAPISchema(.constant(value)) }
    public static func oneOf(_ alternatives: [OpenAPISchema]) -> OpenAPISchema { OpenAPISchema(.oneOf(alternatives)) }
    public static func ref(_ name: String) -> OpenAPISchema { OpenAPISchema(.ref(name)) }

    /// A reference to the component named after a top-level type, so renaming the type cannot leave a stale name.
    public static func ref<T>(_ type: T.Type) -> OpenAPISchema { ref(TypeName.of(type)) }

    /// A `String`-backed enum, from its cases: a case added in Swift is in the document without touching the catalog.
    public static func stringEnum<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> OpenAPISchema where E.RawValue == String {
        OpenAPISchema(.stringEnum(type.allCases.map(\.rawValue)))
    }
}

// MARK: - Modifiers

extension OpenAPISchema {
    /// See `isOptional`.
    public var optional: OpenAPISchema { with { $0.isOptional = true } }
    /// See `isNullable`.
    public var nullable: OpenAPISchema { with { $0.isNullable = true } }

    public func formatted(_ format: String) -> OpenAPISchema { with { $0.format = format } }
    public func described(_ text: String) -> OpenAPISchema { with { $0.description = text } }
    public func defaulting(_ value: JSONValue) -> OpenAPISchema { with { $0.defaultValue = value } }

    /// Unicode scalars, as `Check.length` and `TextRule` count them (and JSON Schema does).
    public func length(_ range: ClosedRange<Int>) -> OpenAPISchema {
        with {
            $0.minLength = range.lowerBound
            $0.maxLength = range.upperBound
        }
    }

    public func patterned(_ regex: String) -> OpenAPISchema { with { $0.pattern = regex } }

    /// A string under `rule`: its length range and the pattern that refuses what `TextRule.check` refuses.
    public static func text(_ rule: TextRule) -> OpenAPISchema {
        OpenAPISchema.string.length(rule.length).patterned(rule.pattern)
    }

    public func minLength(_ count: Int) -> OpenAPISchema { with { $0.minLength = count } }
    public func maxLength(_ count: Int) -> OpenAPISchema { with { $0.maxLength = count } }

    /// An array with at least one element other than `value`: a vector that is not all zeros.
    public func notAll(_ value: Double) -> OpenAPISchema { with { $0.notAllEqualTo = value } }

    /// Array elements, as `Check.count` counts them.
    public func count(_ range: ClosedRange<Int>) -> OpenAPISchema {
        with {
            $0.minItems = range.lowerBound
            $0.maxItems = range.upperBound
        }
    }

    public func range(_ range: ClosedRange<Int>) -> OpenAPISchema {
        self.range(Double(range.lowerBound)...Double(range.upperBound))
    }

    public func range(_ range: ClosedRange<Double>) -> OpenAPISchema {
        with {
            $0.minimum = range.lowerBound
            $0.maximum = range.upperBound
        }
    }

    public func minimum(_ value: Int) -> OpenAPISchema { with { $0.minimum = Double(value) } }

    private func with(_ change: (inout OpenAPISchema) -> Void) -> OpenAPISchema {
        var copy = self
        change(&copy)
        return copy
    }
}

// MARK: - Rendering

extension OpenAPISchema {
    /// Where component schemas live in the document; `$ref`s point below it.
    public static let componentsPrefix = "#/components/schemas/"

    /// The schema as a JSON Schema object.
    public var json: JSONValue {
        var schema: [String: JSONValue] = [:]
        var type: String?
        switch shape {
        case .string: type = "string"
        case .integer: type = "integer"
        case .number: type = "number"
        case .boolean: type = "boolean"
        case .any: break
        case .array(let items):
            type = "array"
            schema["items"] = items.json
        case .object(let properties):
            type = "object"
            schema["properties"] = .object(properties.mapValues(\.json))
            let required = properties.filter { !$0.value.isOptional }.keys.sorted()
            if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        case .map(let values):
            type = "object"
            schema["additionalProperties"] = values.json
        case .stringEnum(let values):
            type = "string"
            // `enum` is checked on its own, so a nullable enum has to list null among its values as well.
            schema["enum"] = .array(values.map(JSONValue.string) + (isNullable ? [.null] : []))
        case .constant(let value):
            type = "string"
            schema["const"] = .string(value)
        case .oneOf(let alternatives):
            schema["oneOf"] = .array(alternatives.map(\.json))
        case .ref(let name):
            schema["$ref"] = .string(Self.componentsPrefix + name)
        }
        if let type {
            schema["type"] = isNullable ? .array([.string(type), .string("null")]) : .string(type)
        }
        if let format { schema["format"] = .string(format) }
        if let minLength { schema["minLength"] = .number(Double(minLength)) }
        if let maxLength { schema["maxLength"] = .number(Double(maxLength)) }
        if let pattern { schema["pattern"] = .string(pattern) }
        if let minItems { schema["minItems"] = .number(Double(minItems)) }
        if let notAllEqualTo { schema["contains"] = .object(["not": .object(["const": .number(notAllEqualTo)])]) }
        if let maxItems { schema["maxItems"] = .number(Double(maxItems)) }
        if let minimum { schema["minimum"] = .number(minimum) }
        if let maximum { schema["maximum"] = .number(maximum) }
        if let defaultValue { schema["default"] = defaultValue }

        // A `$ref` or `oneOf` has no `type` to widen with "null", so a nullable one becomes "that or null".
        let needsNullBranch = isNullable && type == nil && shape != .any
        if needsNullBranch {
            schema = ["anyOf": .array([.object(schema), .object(["type": .string("null")])])]
        }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }
}
