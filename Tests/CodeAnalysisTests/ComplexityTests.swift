import CodeAnalysis
import Testing

/// lizard's counting rules on small fixed inputs (Benchmarks/peers/analysis-agreement.py checks real code).
@Suite("Cyclomatic complexity counted as lizard counts it")
struct ComplexityTests {
    func complexities(_ code: String, _ language: SourceLanguage) -> [String: Int] {
        let report = StructureAnalyzer.analyze(SourceFile(code: code, language: language))
        return Dictionary(report.functions.map { ($0.name, $0.cyclomaticComplexity) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("Swift: conditions, ternaries with a space, optionals without, labels and directives")
    func swift() {
        let code = """
        func f(_ a: Int?, b: Bool) -> Int {
            #if DEBUG
            print("debug")
            #endif
            guard let a else { return 0 }
            if a > 1 && b || !b { return 1 }
            let c = a > 2 ? 1 : 2
            let d = a.description.first?.isNumber ?? false
            let e = try? g(for: a, while: b)
            for x in [1, 2] where x > 1 { _ = x }
            switch a {
            case 1: return c
            case 2: return d ? 1 : 0
            default: return e ?? 0
            }
        }
        """
        // guard, if, &&, ||, ?, for, case, case, ? (d ? 1 : 0) → 9 + 1
        #expect(complexities(code, .swift)["f"] == 10)
    }

    @Test("Swift: nested functions, initializers, accessors and closures")
    func swiftShapes() {
        let code = """
        struct S {
            var x: Int {
                get { x1 > 0 ? x1 : 0 }
                set { if newValue > 0 { x1 = newValue } }
            }
            init?(v: Int) {
                if v < 0 { return nil }
                func inner() -> Bool { v > 2 && v < 4 }
                let check = { (n: Int) in n > 1 || n < -1 }
                _ = check(v) && inner()
            }
        }
        """
        let found = complexities(code, .swift)
        #expect(found["get"] == 2)
        #expect(found["set"] == 2)
        #expect(found["inner"] == 2)
        // if, || (closure belongs to init), && → 3 + 1
        #expect(found["init"] == 4)
    }

    @Test("Python: if/elif/for/while/except/finally, and/or, comprehensions, f-strings, match")
    func python() {
        let code = """
        def f(a, b):
            if a and b:
                return [x for x in a if x]
            elif a or not b:
                pass
            while a:
                a -= 1
            try:
                g()
            except ValueError:
                pass
            finally:
                h()
            return f"{a if b else 0}"

        def m(command):
            match command:
                case "go":
                    return 1
                case _:
                    return 2
        """
        let found = complexities(code, .python)
        // if, and, for, if, elif, or, while, except, finally, if (f-string) → 10 + 1
        #expect(found["f"] == 11)
        #expect(found["m"] == 3)
    }

    @Test("Python: a one-line def is not a function (lizard), nested defs keep their own count")
    func pythonShapes() {
        let code = """
        class C:
            def short(self): return 1
            def outer(self, x):
                def inner(y):
                    return y and x
                if x:
                    return inner(x)
        """
        let found = complexities(code, .python)
        #expect(found["short"] == nil)
        #expect(found["inner"] == 2)
        #expect(found["outer"] == 2)
    }

    @Test("JavaScript: defaults count, ?? and ?. differ, arrows and methods are functions")
    func javascript() {
        let code = """
        function f (a = 1, { b = 2 } = {}) {
          if (a && b) return a ?? b
          return a?.b ? 1 : 2
        }
        class K {
          m (x) {
            for (const y of x) { if (y) { return y } }
            return x || null
          }
        }
        const g = (x) => x > 1 ? 'a' : 'b'
        """
        let found = complexities(code, .javascript)
        // 3 defaults, if, &&, ??, ? → 7 + 1
        #expect(found["f"] == 8)
        #expect(found["m"] == 4)
        #expect(found["g"] == 2)
    }

    @Test("JavaScript: a computed method name is its key, not the bracket")
    func javascriptComputedNames() {
        let code = """
        class Store {
          [kLoad] () { return this.x }
          get ['async'] () { return this.a || false }
          [Symbol.iterator] () { return this.items.values() }
        }
        """
        let found = complexities(code, .javascript)
        #expect(found["kLoad"] == 1)
        #expect(found["async"] == 2)
        #expect(found["Symbol.iterator"] == 1)
        #expect(found["]"] == nil)
    }

    @Test("JavaScript: a regex inside a template interpolation does not swallow the rest of the file")
    func javascriptRegexInTemplate() {
        let code = """
        function b (uri) {
          uri = `${
            r.trim().replace(/\\/?$/g, '')
          }/${
            uri.trim().replace(/^\\//, '')
          }`
          if (uri) { return 1 }
        }
        function c (x) {
          return x || 0
        }
        """
        let found = complexities(code, .javascript)
        #expect(found["b"] == 2)
        #expect(found["c"] == 2)
    }

    @Test("Go and Java: methods, literals and the shared condition set")
    func goAndJava() {
        let go = """
        func (s *Server) Handle(w http.ResponseWriter, r *http.Request) {
        	if r.Method != "GET" && r.Method != "HEAD" {
        		return
        	}
        	go func() {
        		for i := 0; i < 3; i++ {
        		}
        	}()
        	switch r.URL.Path {
        	case "/":
        	case "/x":
        	}
        }
        """
        let goFound = complexities(go, .go)
        #expect(goFound["Handle"] == 5)
        #expect(goFound["(anonymous)"] == 2)
        let java = """
        class A {
            int f(int a) throws Exception {
                try { return a > 0 ? 1 : 2; } catch (RuntimeException e) { return 0; }
            }
            A() { if (x) { y(); } }
        }
        """
        let javaFound = complexities(java, .java)
        #expect(javaFound["f"] == 3)
        #expect(javaFound["A"] == 2)
    }
}
