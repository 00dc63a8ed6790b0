// lizard 1.24.3 ends `a` at line 6 and never lists `b`: a subscript (`this[K]`) inside a parenthesised group of
// an `if` condition in a class method loses its place. Correct: a (lines 5–9, complexity 4: if, &&, ||) and
// b (lines 10–12, complexity 1). In npm this is e.g. minipass's `set encoding`, after which no method is listed.
class Store {
  a (x) {
    if (x && (this[K] || y)) {
      throw new Error('no')
    }
  }
  b (y) {
    return y
  }
}
