enum ScriptFixtures {
    static let javascript = Fixture(name: "vulnerable", language: .javascript, code: #"""
    const { exec } = require('child_process')

    const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE' // expect: security.hardcoded-secret

    export function findUser (db, name) { // expect: docs.undocumented-public
      return db.query(`SELECT * FROM users WHERE name = '${name}'`) // expect: security.sql-injection
    }

    /** Runs the user's formula. */
    export function calculate (expression) {
      return eval(expression) // expect: security.eval
    }

    /** Packs a folder. */
    export function archive (name) {
      exec('tar czf backup.tgz ' + name) // expect: security.shell-injection
    }

    /** Sums the positive even cells. */
    function walk (grid) { // expect: complexity.nesting
      let total = 0
      for (const row of grid) {
        for (const cell of row) {
          if (cell > 0) {
            if (cell % 2 === 0) {
              while (total < 100) {
                if (total % 3 === 0) {
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

    const agent = new https.Agent({ rejectUnauthorized: false }) // expect: security.tls-verification-disabled
    """#)

    static let typescript = Fixture(name: "vulnerable", language: .typescript, code: #"""
    import { Pool } from 'pg'

    const awsKey: string = 'AKIAIOSFODNN7EXAMPLE' // expect: security.hardcoded-secret

    export async function findUser(db: Pool, name: string): Promise<unknown[]> { // expect: docs.undocumented-public
      const sql = 'SELECT * FROM users WHERE name = \'' + name + '\'' // expect: security.sql-injection
      return (await db.query(sql)).rows
    }

    /** Runs the user's formula. */
    export function calculate(expression: string): unknown {
      return eval(expression) // expect: security.eval
    }

    /** Sums the positive even cells. */
    export function walk(grid: number[][]): number { // expect: complexity.nesting
      let total = 0
      for (const row of grid) {
        for (const cell of row) {
          if (cell > 0) {
            if (cell % 2 === 0) {
              while (total < 100) {
                if (total % 3 === 0) {
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

    static let cleanJavaScript = Fixture(name: "clean", language: .javascript, code: #"""
    /** Users, read with bound parameters. */
    export async function findUser (db, name) {
      const { rows } = await db.query('SELECT id, name FROM users WHERE name = $1', [name])
      return rows[0] ?? null
    }

    /** A label; the template only mentions eval. */
    export const label = (user) => `${user.name} said "eval(${user.id})"`

    /** Matches a call spelled in text. */
    export const pattern = /eval\(["']/g
    """#)

    static let cleanTypeScript = Fixture(name: "clean", language: .typescript, code: #"""
    /** A user as stored. */
    export interface User {
      id: string
      name: string
    }

    /** Users, read with bound parameters. */
    export async function findUser(db: { query: (sql: string, values: unknown[]) => Promise<{ rows: User[] }> }, name: string): Promise<User | null> {
      const { rows } = await db.query('SELECT id, name FROM users WHERE name = $1', [name])
      return rows[0] ?? null
    }
    """#)

    static let traps = Fixture(name: "traps", language: .javascript, code: #"""
    // eval(x)
    /* child_process.exec(y) */
    const a = "eval(x)"
    const b = `outer ${`inner ${"eval(z)"} done`} eval(w)`
    const c = /eval\(/.test(a) ? 1 : 2
    const d = 'SELECT * FROM t WHERE a = ' + 'literal'
    """#)
}
