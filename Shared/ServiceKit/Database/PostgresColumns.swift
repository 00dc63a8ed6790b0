import PostgresNIO

/// A row's cells read one after another, each as the concrete type the caller names:
///
/// ```swift
/// var columns = PostgresColumns(row)
/// let id = try columns.next(UUID.self)
/// let name = try columns.next(String.self)
/// ```
///
/// postgres-nio's `row.decode((A, B, …).self)` decodes a tuple through a parameter pack, which is not specialised:
/// each column of each row looks its type's metadata up at run time (`perf` of the projects service under the list:
/// `_swift_getGenericMetadata` 5 % of its CPU, the row decode 10 %). Named one at a time, every `next` is specialised
/// for its type and inlined into the caller.
public struct PostgresColumns {
    @usableFromInline var cells: PostgresRow.Iterator
    @usableFromInline var index = 0

    public init(_ row: PostgresRow) {
        cells = row.makeIterator()
    }

    /// The next cell as `T`; throws when the row has no more columns (the statement and its reader disagree) or the
    /// cell is not a `T` (postgres-nio's `PostgresDecodingError`, naming the column).
    @inlinable
    public mutating func next<T: PostgresDecodable>(_ type: T.Type, file: String = #fileID, line: Int = #line) throws -> T {
        guard let cell = cells.next() else { throw MissingColumn(index: index) }
        index += 1
        return try cell.decode(T.self, file: file, line: line)
    }

    /// A statement's reader asked for more columns than the row has.
    public struct MissingColumn: Error, CustomStringConvertible {
        public let index: Int

        @usableFromInline init(index: Int) {
            self.index = index
        }

        public var description: String { "the row has no column \(index) (the statement returns fewer columns than its reader reads)" }
    }
}
