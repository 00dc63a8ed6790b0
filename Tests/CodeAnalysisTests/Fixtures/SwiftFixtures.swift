enum SwiftFixtures {
    static let vulnerable = Fixture(name: "vulnerable", language: .swift, code: #"""
    import Foundation
    import JavaScriptCore

    let awsAccessKey = "AKIAIOSFODNN7EXAMPLE" // expect: security.hardcoded-secret

    /// Reads users.
    public struct UserStore {
        let db: Database

        public func find(name: String) -> [Row] { // expect: docs.undocumented-public
            let query = "SELECT * FROM users WHERE name = '\(name)'" // expect: security.sql-injection
            return db.run(query)
        }

        /// Runs the user's formula.
        public func calculate(_ source: String, in context: JSContext) -> JSValue? {
            context.evaluateScript(source) // expect: security.eval
        }
    }

    /// Sums the positive even cells.
    func walk(_ grid: [[Int]]) -> Int { // expect: complexity.nesting
        var total = 0
        for row in grid {
            for cell in row {
                if cell > 0 {
                    if cell % 2 == 0 {
                        while total < 100 {
                            if total.isMultiple(of: 3) {
                                total += cell
                            }
                            total += 1
                        }
                    }
                }
            }
        }
        return total
    }
    """#)

    static let clean = Fixture(name: "clean", language: .swift, code: #"""
    import Foundation

    /// A user as stored.
    public struct User: Codable, Sendable {
        public var id: UUID
        public var name: String
    }

    /// Reads users with bound parameters.
    public struct UserQueries {
        let database: Database

        /// The user called `name`, if any.
        public func user(named name: String) async throws -> User? {
            let rows = try await database.query("SELECT id, name FROM users WHERE name = $1", [name])
            guard let row = rows.first else { return nil }
            return User(id: row.id, name: row.name)
        }

        /// A greeting that is only text: no code runs.
        public func greeting(for user: User) -> String {
            let note = "eval(\(user.name)) is just text here"
            return user.name.isEmpty ? "Hello" : "Hello, \(user.name)! \(note.count)"
        }
    }
    """#)

    /// Strings and comments that spell dangerous calls: none of them is a call.
    static let traps = Fixture(name: "traps", language: .swift, code: ##"""
    // eval(x); system("rm -rf /")
    /* outer /* nested eval(y) */ still a comment: system("ls") */
    let raw = #"system("ls") \(not interpolated) "quoted""#
    let multi = """
        system("ls")
        "SELECT * FROM t WHERE a = " + name
        """
    let interpolated = "a \("b \("c")") d system(\"x\")"
    let done = true
    """##)
}
