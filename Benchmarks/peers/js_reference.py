"""A third opinion on JavaScript: functions and cyclomatic complexity from a real parse (tree-sitter's JavaScript
grammar), counted by lizard's rules.

lizard reads JavaScript with a token state machine that loses its place inside some classes and object literals
(Benchmarks/peers/lizard-js-cases/); where it and the CodeAnalysis library disagree, this count says which of the
two parsed the function as it is written. It is not a second implementation of the library: it walks a syntax
tree, the library scans tokens.

lizard's rules (1.24), as the library's ComplexityRules documents them: 1 per function, plus each `if`, `for`
(`for … in/of`), `while` (`do … while` too), `catch` (the keyword, also `promise.catch(…)`), `case`, `&&`, `||`,
`??`, `&&=`, `||=`, `??=`, ternary `?`, each default in a parameter list (`x = 1`, `{y = 2} = {}`: every `=`), and
each default inside a destructuring declaration (`const { a = 1 } = x`). A nested function keeps its own. Two
conventions of lizard's reading that the library shares: an arrow without braces owns only the decisions on the
line of its `=>` (the rest go to the function around it), and `(a) => (b) => {…}` is one function.

Needs `pip install tree-sitter tree-sitter-javascript`; `available()` is False without them.
"""

try:
    import tree_sitter
    import tree_sitter_javascript
except ImportError:  # the comparison then runs without the third opinion
    tree_sitter = None

FUNCTION_NODES = {
    'function_declaration', 'function_expression', 'function', 'generator_function_declaration',
    'generator_function', 'arrow_function', 'method_definition',
}
DECISION_NODES = {
    'if_statement', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'catch_clause',
    'switch_case', 'ternary_expression',
}
LOGICAL_OPERATORS = {'&&', '||', '??'}
LOGICAL_ASSIGNMENTS = {'&&=', '||=', '??='}
DEFAULT_NODES = {'assignment_pattern', 'object_assignment_pattern'}
PATTERN_NODES = {'object_pattern', 'array_pattern'}

_parser = None


def available():
    return tree_sitter is not None


def parser():
    global _parser
    if _parser is None:
        _parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))
    return _parser


def functions(path):
    """[(name, start line, end line, complexity)] of the file at `path`, lines from 1; None when the file does
    not parse cleanly (a tree with errors is no reference)."""
    with open(path, 'rb') as handle:
        source = handle.read()
    tree = parser().parse(source)
    if tree.root_node.has_error:
        return None
    found = []
    # (node, the function that owns its decisions (index into `found`) or None, the owner past `row` (an arrow
    # without braces owns only what is on the line of its `=>`, as in lizard) and that row, inside a parameter
    # list, inside a destructuring declaration's pattern)
    stack = [(tree.root_node, None, None, None, False, False)]
    while stack:
        node, owner, later_owner, row, in_parameters, in_pattern = stack.pop()
        kind = node.type
        if kind == 'template_string':
            continue  # lizard reads a template literal as one token: what its `${…}` holds is not counted
        if kind in FUNCTION_NODES and node.is_named and not curried(node):  # not the keyword `function`
            outer = node
            while outer.parent is not None and outer.parent.type == 'arrow_function' and curried(outer.parent):
                outer = outer.parent
            found.append([name_of(outer, source), outer.start_point[0] + 1, node.end_point[0] + 1, 1])
            body = node.child_by_field_name('body')
            if kind == 'arrow_function' and body is not None and body.type != 'statement_block':
                arrow = next((c for c in node.children if c.type == '=>'), None)
                later_owner, row = owner, arrow.start_point[0] if arrow is not None else None
            else:
                later_owner, row = None, None
            owner = len(found) - 1
            in_parameters = in_pattern = False
        else:
            target = later_owner if row is not None and decision_row(node) > row else owner
            if target is not None:
                found[target][3] += decisions(node, source, in_parameters, in_pattern)
        for child in reversed(node.children):
            child_parameters = in_parameters or kind == 'formal_parameters' or (
                kind == 'arrow_function' and child.type == 'identifier' and child == node.child_by_field_name('parameter'))
            child_pattern = in_pattern or (
                kind == 'variable_declarator' and child.type in PATTERN_NODES and child == node.child_by_field_name('name'))
            # The right side of a default or a declaration is an expression again, not a pattern.
            if kind == 'variable_declarator' and child == node.child_by_field_name('value'):
                child_pattern = False
            stack.append((child, owner, later_owner, row, child_parameters, child_pattern))
    return [tuple(f) for f in found]


def decision_row(node):
    """The line of a node's decision: an operator's own line (`a ||⏎ b`), else where the node starts."""
    if node.type in ('binary_expression', 'augmented_assignment_expression'):
        op = node.child_by_field_name('operator')
        if op is not None:
            return op.start_point[0]
    return node.start_point[0]


def curried(node):
    """`(a) => (b) => {…}`: lizard reads the arrows as one function, named and started by the outer one."""
    body = node.child_by_field_name('body')
    return node.type == 'arrow_function' and body is not None and body.type == 'arrow_function'


def decisions(node, source, in_parameters, in_pattern):
    kind = node.type
    if not node.is_named:
        return 0
    if kind in DECISION_NODES:
        return 1
    if kind == 'binary_expression':
        return 1 if operator(node, source) in LOGICAL_OPERATORS else 0
    if kind == 'augmented_assignment_expression':
        return 1 if operator(node, source) in LOGICAL_ASSIGNMENTS else 0
    if kind in DEFAULT_NODES and (in_parameters or in_pattern):
        return 1
    if kind == 'property_identifier' and text(node, source) == 'catch':
        return 1  # lizard counts tokens: `promise.catch(…)` is a `catch`
    return 0


def operator(node, source):
    op = node.child_by_field_name('operator')
    return text(op, source) if op is not None else None


def text(node, source):
    return source[node.start_byte:node.end_byte].decode('utf-8', 'replace')


def name_of(node, source):
    name = node.child_by_field_name('name')
    if name is not None:
        return text(name, source)
    parent = node.parent
    if parent is not None:
        for field in ('name', 'key', 'left', 'property'):
            target = parent.child_by_field_name(field)
            if target is not None and target != node:
                return text(target, source)
    return '(anonymous)'
