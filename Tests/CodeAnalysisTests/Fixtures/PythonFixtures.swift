enum PythonFixtures {
    static let vulnerable = Fixture(name: "vulnerable", language: .python, code: #"""
    import os
    import sqlite3

    AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"  # expect: security.hardcoded-secret


    def find_user(conn, name):  # expect: docs.undocumented-public
        cursor = conn.cursor()
        cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)  # expect: security.sql-injection
        return cursor.fetchall()


    def calculate(expression):
        """Evaluates the user's formula."""
        return eval(expression)  # expect: security.eval


    def walk(grid):  # expect: complexity.nesting
        """Sums the positive even cells."""
        total = 0
        for row in grid:
            for cell in row:
                if cell > 0:
                    if cell % 2 == 0:
                        while total < 100:
                            if total % 3 == 0:
                                total += cell
                            total += 1
        return total


    def archive(name):
        """Packs a folder."""
        os.system("tar czf backup.tgz " + name)  # expect: security.shell-injection


    def fetch(url):
        """Fetches without checking the certificate."""
        import requests
        return requests.get(url, verify=False)  # expect: security.tls-verification-disabled


    def restore(blob):
        """Loads a saved object."""
        import pickle
        return pickle.loads(blob)  # expect: security.unsafe-deserialization


    def store_password(password):
        """Hashes a password the wrong way."""
        import hashlib
        return hashlib.md5(password.encode()).hexdigest()  # expect: security.weak-hash
    """#)

    static let clean = Fixture(name: "clean", language: .python, code: #"""
    """Users, read with bound parameters."""
    import hashlib
    import sqlite3


    def find_user(conn: sqlite3.Connection, name: str):
        """Returns the rows of the users called `name`."""
        cursor = conn.cursor()
        cursor.execute("SELECT id, name FROM users WHERE name = ?", (name,))
        return cursor.fetchall()


    def checksum(data: bytes) -> str:
        """A checksum, not a password hash."""
        return hashlib.sha256(data).hexdigest()


    def describe(user):
        """Text that merely mentions eval("x") and os.system("y")."""
        note = f"{user.name} ran eval({user.id!r})"  # a string, not a call
        return note if user.name and user.id else "nobody"
    """#)

    static let traps = Fixture(name: "traps", language: .python, code: #"""
    # eval(x) os.system("rm")
    a = "eval(x)"
    b = r'os.system("x") \' still raw'
    c = b"pickle.loads(x)"
    d = '''
    eval(y)
    '''
    e = f"{'eval(z)'} and {{eval(w)}}"
    f = """SELECT * FROM t WHERE a = """
    """#)
}
