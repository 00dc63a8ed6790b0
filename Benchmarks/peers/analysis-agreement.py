#!/usr/bin/env python3
"""Agreement of the CodeAnalysis library with its peers on code nobody here wrote.

- lizard: per file, the functions both tools find (matched by start line) and whether their cyclomatic
  complexity is equal. A function only one tool finds counts as a disagreement.
- bandit (Python only): every HIGH-severity issue bandit reports in the categories the security agent covers
  must have a finding of the matching rule id on one of the lines bandit names.
- a parse (JavaScript only, when tree-sitter is installed): js_reference.py counts each function of a tree-sitter
  syntax tree by lizard's rules; the library and lizard are each compared with it, and every function where the two
  disagree is put down to the tool the parse sides with. lizard's own reading of JavaScript loses its place in some
  classes and objects (lizard-js-cases/); this says how much of the disagreement with lizard is that.

Usage (needs `pip install lizard bandit tree-sitter tree-sitter-javascript` in the interpreter that runs it, e.g.
.run/venv-peers):
  .run/venv-peers/bin/python Benchmarks/peers/analysis-agreement.py [--bench .build/debug/devmentor-bench]
      [--python DIR] [--swift DIR] [--javascript DIR] [--npm DIR] [--markdown] [--details N]
(--npm: all of npm's JavaScript, lib/ and its bundled dependencies; "--X /nonexistent" skips a corpus)
Prints a JSON summary (or a markdown table with --markdown); exits 1 when a target is missed.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys

import lizard

import js_reference

# bandit test id → the rule id that must report it (the issue's categories).
BANDIT_RULES = {
    'B102': 'security.eval',            # exec
    'B307': 'security.eval',            # eval
    'B608': 'security.sql-injection',
    'B105': 'security.hardcoded-secret', 'B106': 'security.hardcoded-secret', 'B107': 'security.hardcoded-secret',
    'B602': 'security.shell-injection', 'B604': 'security.shell-injection', 'B605': 'security.shell-injection',
    'B609': 'security.shell-injection',
    'B303': 'security.weak-hash', 'B324': 'security.weak-hash',
    'B501': 'security.tls-verification-disabled', 'B502': 'security.tls-verification-disabled',
    'B503': 'security.tls-verification-disabled', 'B504': 'security.tls-verification-disabled',
    'B323': 'security.tls-verification-disabled',
    'B301': 'security.unsafe-deserialization', 'B506': 'security.unsafe-deserialization',
    'B302': 'security.unsafe-deserialization',
}

TARGET = 0.95
PYTHON_PACKAGES = ['email', 'http', 'urllib', 'logging', 'json', 'xml', 'concurrent', 'multiprocessing', 'asyncio',
                   'importlib', 'sqlite3', 'wsgiref', 'xmlrpc', 'ctypes', 'distutils']


def default_corpora():
    python = sorted(glob.glob('/usr/lib/python3*/'))
    return {
        'python': python[0] if python else None,
        'swift': '/tmp/nio/Sources/NIOCore',
        'javascript': '/usr/lib/node_modules/npm/lib',
        # All of npm's JavaScript on this machine (its lib/ and every bundled dependency), the issue's wider reading.
        'npm': '/usr/lib/node_modules/npm',
    }


def files_of(language, root):
    if not root or not os.path.isdir(root):
        return []
    if language == 'python':
        # The standard library's top-level modules and a few packages: real, varied, and not generated.
        files = glob.glob(os.path.join(root, '*.py'))
        for package in PYTHON_PACKAGES:
            files += glob.glob(os.path.join(root, package, '**', '*.py'), recursive=True)
        return sorted(f for f in files if '/test' not in f)
    ext = {'swift': '.swift', 'javascript': '.js', 'npm': '.js'}[language]
    found = []
    for folder, _, names in os.walk(root):
        found += [os.path.join(folder, n) for n in names if n.endswith(ext)]
    return sorted(found)


def ours(bench, files, language):
    dumps = {}
    for start in range(0, len(files), 200):
        chunk = files[start:start + 200]
        out = subprocess.run([bench, 'analyze-files', '--json', '--language', language] + chunk,
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.strip():
                dump = json.loads(line)
                dumps[dump['path']] = dump
    return dumps


def as_tuples(functions):
    """(name, start line, end line, complexity) of our dump's functions."""
    return [(f['name'], f['startLine'], f.get('endLine'), f['cyclomaticComplexity']) for f in functions]


def pair(theirs, mine, nearby=False):
    """Pairs two tools' functions of one file: [(theirs or None, mine or None)], matched by start line; several
    functions on one line (a callback beside its caller) are paired by name, then by end line. `nearby`: a function
    left over is also paired with one of the same name that starts a line before or after (an arrow whose body
    starts on the next line: the tools differ in which of the two lines they call its start)."""
    by_line = collections.defaultdict(list)
    for f in mine:
        by_line[f[1]].append(f)
    pairs, used = [], set()
    for f in theirs:
        candidates = by_line.get(f[1], [])
        if candidates:
            m = min(candidates, key=lambda c: (c[0] != f[0], c[2] != f[2]))
            candidates.remove(m)
            used.add(id(m))
            pairs.append((f, m))
        else:
            pairs.append((f, None))
    if nearby:
        for index, (f, m) in enumerate(pairs):
            if m is not None:
                continue
            near = [c for line in (f[1] - 1, f[1] + 1) for c in by_line.get(line, []) if c[0] == f[0]]
            if near:
                by_line[near[0][1]].remove(near[0])
                used.add(id(near[0]))
                pairs[index] = (f, near[0])
    pairs += [(None, f) for f in mine if id(f) not in used]
    return pairs


def stats(pairs_by_file, details, their_name, our_name='ours'):
    matched = equal = only_theirs = only_ours = 0
    samples = []
    for path, pairs in pairs_by_file:
        for theirs, mine in pairs:
            if theirs and mine:
                matched += 1
                if theirs[3] == mine[3]:
                    equal += 1
                elif len(samples) < details:
                    samples.append(f"{path}:{theirs[1]} {theirs[0]} {their_name}={theirs[3]} {our_name}={mine[3]}")
            elif theirs:
                only_theirs += 1
                if len(samples) < details:
                    samples.append(f"{path}:{theirs[1]} {theirs[0]} only {their_name}")
            else:
                only_ours += 1
                if len(samples) < details:
                    samples.append(f"{path}:{mine[1]} {mine[0]} only {our_name}")
    union = matched + only_theirs + only_ours
    return {
        'files': len(pairs_by_file),
        'functions' + their_name.capitalize(): matched + only_theirs,
        'functionsBoth': matched,
        'only' + their_name.capitalize(): only_theirs,
        'only' + our_name.capitalize(): only_ours,
        'countAgreement': round(matched / union, 4) if union else 1.0,
        'complexityAgreementOfMatched': round(equal / matched, 4) if matched else 1.0,
        # Both: found by both tools and with the same complexity, of every function either tool found.
        'agreement': round(equal / union, 4) if union else 1.0,
        'samples': samples,
    }


def lizard_functions(path):
    return [(f.name, f.start_line, f.end_line, f.cyclomatic_complexity) for f in lizard.analyze_file(path).function_list]


def compare_lizard(files, dumps, details, theirs_by_path):
    pairs = [(path, pair(theirs_by_path[path], as_tuples(dumps.get(path, {}).get('functions', [])))) for path in files]
    return stats(pairs, details, 'lizard')


def compare_reference(files, dumps, details, lizard_by_path):
    """JavaScript only: a tree-sitter parse counted by lizard's rules (js_reference.py) against ours and against
    lizard, and for every function where lizard and ours disagree, which of the two the parse sides with."""
    pairs_ours, pairs_lizard = [], []
    sides = collections.Counter()
    samples = []
    unparsed = 0
    for path in files:
        reference = js_reference.functions(path)
        if reference is None:
            unparsed += 1
            continue
        mine = as_tuples(dumps.get(path, {}).get('functions', []))
        theirs = lizard_by_path[path]
        pairs_ours.append((path, pair(reference, mine, nearby=True)))
        pairs_lizard.append((path, pair(reference, theirs, nearby=True)))
        # Does the parse have a function starting on this tool's line with this tool's complexity?
        held = {(f[1], f[3]) for f in reference}
        for theirs_f, mine_f in pair(theirs, mine):
            if theirs_f and mine_f and theirs_f[3] == mine_f[3]:
                continue
            ours_right = mine_f is not None and (mine_f[1], mine_f[3]) in held
            lizard_right = theirs_f is not None and (theirs_f[1], theirs_f[3]) in held
            if ours_right and not lizard_right:
                sides['ours'] += 1
            elif lizard_right and not ours_right:
                sides['lizard'] += 1
                if len(samples) < details:
                    samples.append(f"{path}: lizard {theirs_f} ours {mine_f}")
            else:
                sides['neither'] += 1
                if len(samples) < details:
                    samples.append(f"{path}: neither: lizard {theirs_f} ours {mine_f}")
    return {
        'filesParsed': len(pairs_ours),
        'filesWithParseErrors': unparsed,
        'oursVsReference': stats(pairs_ours, details, 'reference'),
        'lizardVsReference': stats(pairs_lizard, 0, 'reference', 'lizard'),
        'disagreementsWithLizard': dict(sides),
        'samples': samples,
    }


def compare_bandit(files, dumps, details):
    if not files:
        return None
    proc = subprocess.run([sys.executable, '-m', 'bandit', '-q', '-f', 'json'] + files,
                          capture_output=True, text=True)
    report = json.loads(proc.stdout or '{"results": []}')
    wanted = found = 0
    misses = []
    for issue in report.get('results', []):
        rule = BANDIT_RULES.get(issue['test_id'])
        if rule is None or issue['issue_severity'] != 'HIGH':
            continue
        wanted += 1
        lines = set(issue.get('line_range') or [issue['line_number']])
        findings = dumps.get(issue['filename'], {}).get('findings', [])
        if any(f.get('ruleId') == rule and f.get('line') in lines for f in findings):
            found += 1
        elif len(misses) < details:
            misses.append(f"{issue['filename']}:{issue['line_number']} {issue['test_id']} {issue['issue_text']}")
    return {'highIssues': wanted, 'found': found, 'recall': round(found / wanted, 4) if wanted else 1.0, 'misses': misses}


def main():
    corpora = default_corpora()
    parser = argparse.ArgumentParser()
    parser.add_argument('--bench', default=os.environ.get('DEVMENTOR_BENCH', '.build/debug/devmentor-bench'))
    for language in corpora:
        parser.add_argument('--' + language, default=corpora[language])
    parser.add_argument('--markdown', action='store_true')
    parser.add_argument('--details', type=int, default=0, help='print up to N disagreements per language')
    args = parser.parse_args()

    summary = {}
    for language in corpora:
        files = files_of(language, getattr(args, language))
        if not files:
            continue
        dumps = ours(args.bench, files, 'javascript' if language == 'npm' else language)
        lizard_by_path = {path: lizard_functions(path) for path in files}
        result = {'root': getattr(args, language), 'lizard': compare_lizard(files, dumps, args.details, lizard_by_path)}
        if language in ('javascript', 'npm') and js_reference.available():
            result['reference'] = compare_reference(files, dumps, args.details, lizard_by_path)
        if language == 'python':
            result['bandit'] = compare_bandit(files, dumps, args.details)
        summary[language] = result

    # Where lizard itself goes wrong, shown on minimal files (their first lines say what is correct).
    cases = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lizard-js-cases', '*.js')))
    if cases:
        dumps = ours(args.bench, cases, 'javascript')
        summary['lizardJavaScriptCases'] = {
            os.path.basename(path): {
                'lizard': [[f.name, f.start_line, f.end_line, f.cyclomatic_complexity]
                           for f in lizard.analyze_file(path).function_list],
                'ours': [[f['name'], f['startLine'], f['endLine'], f['cyclomaticComplexity']]
                         for f in dumps.get(path, {}).get('functions', [])],
            } for path in cases}

    ok = all(r['lizard']['agreement'] >= TARGET and (r.get('bandit') is None or r['bandit']['recall'] == 1.0)
             for key, r in summary.items() if key != 'lizardJavaScriptCases')
    if args.markdown:
        print('| language | corpus | files | functions (lizard / ours, both) | same start line | same complexity (of both) | agreement | bandit HIGH found |')
        print('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |')
        for language, r in summary.items():
            if language == 'lizardJavaScriptCases':
                continue
            l = r['lizard']
            ours_count = l['functionsBoth'] + l['onlyOurs']
            bandit = r.get('bandit')
            recall = f"{bandit['found']} / {bandit['highIssues']}" if bandit else '–'
            print(f"| {language} | `{r['root']}` | {l['files']} | {l['functionsLizard']} / {ours_count}, {l['functionsBoth']} "
                  f"| {l['countAgreement']:.1%} | {l['complexityAgreementOfMatched']:.1%} | **{l['agreement']:.1%}** | {recall} |")
        references = [(language, r['reference']) for language, r in summary.items() if 'reference' in r]
        if references:
            print('\nJavaScript against a tree-sitter parse counted by lizard\'s rules (js_reference.py):\n')
            print('| corpus | files parsed | ours vs parse: agreement (same complexity, of both) | lizard vs parse: agreement '
                  '(same complexity, of both) | where ours and lizard disagree, the parse sides with ours / lizard / neither |')
            print('| --- | ---: | ---: | ---: | ---: |')
            for language, ref in references:
                o, l, sides = ref['oursVsReference'], ref['lizardVsReference'], ref['disagreementsWithLizard']
                print(f"| {language} | {ref['filesParsed']} | **{o['agreement']:.1%}** ({o['complexityAgreementOfMatched']:.1%}) "
                      f"| {l['agreement']:.1%} ({l['complexityAgreementOfMatched']:.1%}) "
                      f"| {sides.get('ours', 0)} / {sides.get('lizard', 0)} / {sides.get('neither', 0)} |")
        for name, case in summary.get('lizardJavaScriptCases', {}).items():
            print(f"\nlizard case `{name}` (name, start, end, complexity): lizard {case['lizard']}, ours {case['ours']}")
        for language, r in summary.items():
            if language == 'lizardJavaScriptCases':
                continue
            reference = r.get('reference') or {}
            for line in (r['lizard']['samples'] + ((r.get('bandit') or {}).get('misses') or []) + reference.get('samples', [])
                         + (reference.get('oursVsReference') or {}).get('samples', [])):
                print(f"<!-- {language}: {line} -->")
    else:
        print(json.dumps(summary, indent=2))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
