// lizard 1.24.3 gives jsonError complexity 2: the `||` inside a parenthesised object-property value is not
// counted. Correct: 3 (if, ||). In npm: lib/utils/output-error.js `jsonError` (lizard 4, ours 6).
const jsonError = (error, npm) => {
  if (error) {
    return {
      summary: (error.summary || []).join('\n'),
    }
  }
}
