enum GoJavaFixtures {
    static let go = Fixture(name: "vulnerable", language: .go, code: #"""
    package store

    import (
    	"crypto/tls"
    	"database/sql"
    	"fmt"
    	"os/exec"
    )

    const awsKey = "AKIAIOSFODNN7EXAMPLE" // expect: security.hardcoded-secret

    func FindUser(db *sql.DB, name string) (*sql.Rows, error) { // expect: docs.undocumented-public
    	return db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name)) // expect: security.sql-injection
    }

    // Run runs a command through a shell (Go's analogue of eval).
    func Run(command string) error {
    	return exec.Command("sh", "-c", command).Run() // expect: security.shell-injection
    }

    // Walk sums the positive even cells.
    func Walk(grid [][]int) int { // expect: complexity.nesting
    	total := 0
    	for _, row := range grid {
    		for _, cell := range row {
    			if cell > 0 {
    				if cell%2 == 0 {
    					for total < 100 {
    						if total%3 == 0 {
    							total += cell
    						}
    						total++
    					}
    				}
    			}
    		}
    	}
    	return total
    }

    // Client skips certificate checks.
    var Client = &tls.Config{InsecureSkipVerify: true} // expect: security.tls-verification-disabled
    """#)

    static let java = Fixture(name: "vulnerable", language: .java, code: #"""
    import java.io.ObjectInputStream;
    import java.sql.*;
    import javax.script.ScriptEngine;

    /** Reads users. */
    public class UserStore {
        private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE"; // expect: security.hardcoded-secret

        public ResultSet findUser(Connection db, String name) throws SQLException { // expect: docs.undocumented-public
            Statement statement = db.createStatement();
            return statement.executeQuery("SELECT * FROM users WHERE name = '" + name + "'"); // expect: security.sql-injection
        }

        /** Evaluates the user's formula. */
        public Object calculate(ScriptEngine engine, String expression) throws Exception {
            return engine.eval(expression); // expect: security.eval
        }

        /** Reads a saved object. */
        public Object restore(java.io.InputStream in) throws Exception {
            return new ObjectInputStream(in).readObject(); // expect: security.unsafe-deserialization
        }

        /** Sums the positive even cells. */
        int walk(int[][] grid) { // expect: complexity.nesting
            int total = 0;
            for (int[] row : grid) {
                for (int cell : row) {
                    if (cell > 0) {
                        if (cell % 2 == 0) {
                            while (total < 100) {
                                if (total % 3 == 0) {
                                    total += cell;
                                }
                                total += 1;
                            }
                        }
                    }
                }
            }
            return total;
        }
    }
    """#)

    static let cleanGo = Fixture(name: "clean", language: .go, code: #"""
    package store

    import "database/sql"

    // FindUser returns the users called name, with a bound parameter.
    func FindUser(db *sql.DB, name string) (*sql.Rows, error) {
    	return db.Query("SELECT id, name FROM users WHERE name = $1", name)
    }

    // Note is only text: `eval(x)` and "os/exec" mean nothing here.
    const Note = `eval(x) exec.Command("sh", "-c", y)`
    """#)

    static let cleanJava = Fixture(name: "clean", language: .java, code: #"""
    import java.sql.*;

    /** Reads users with bound parameters. */
    public class UserQueries {
        /** The users called {@code name}. */
        public ResultSet findUser(Connection db, String name) throws SQLException {
            PreparedStatement statement = db.prepareStatement("SELECT id, name FROM users WHERE name = ?");
            statement.setString(1, name);
            return statement.executeQuery();
        }

        /** Only text. */
        public String note() {
            return """
                engine.eval(x) and Runtime.getRuntime().exec(y)
                """;
        }
    }
    """#)
}
