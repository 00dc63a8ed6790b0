#!/usr/bin/env python3
"""Agreement of the CodeAnalysis library with its peers on code nobody here wrote.

- lizard: per file, the functions both tools find (matched by start line) and whether their cyclomatic
  complexity is equal. A function only one tool finds counts as a disagreement.
- bandit (Python only): every HIGH-severity issue bandit reports in the categories the security agent covers
  must have a finding of the matching rule id on one of the lines bandit names.

Usage (needs `pip install lizard bandit` in the interpreter that runs it, e.g. .run/venv-peers):
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


def compare_lizard(files, dumps, details):
    compared = matched = equal = 0
    only_lizard = only_ours = 0
    samples = []
    for path in files:
        theirs = [f for f in lizard.analyze_file(path).function_list]
        mine = dumps.get(path, {}).get('functions', [])
        by_line = collections.defaultdict(list)
        for f in mine:
            by_line[f['startLine']].append(f)
        used = set()
        for f in theirs:
            candidates = by_line.get(f.start_line, [])
            if candidates:
                # Several functions on one line (a callback beside its caller): pair them by name, then by end line.
                m = min(candidates, key=lambda c: (c['name'] != f.name, c.get('endLine') != f.end_line))
                candidates.remove(m)
                used.add(id(m))
                matched += 1
                if m['cyclomaticComplexity'] == f.cyclomatic_complexity:
                    equal += 1
                elif len(samples) < details:
                    samples.append(f"{path}:{f.start_line} {f.name} lizard={f.cyclomatic_complexity} ours={m['cyclomaticComplexity']}")
            else:
                only_lizard += 1
                if len(samples) < details:
                    samples.append(f"{path}:{f.start_line} {f.name} only lizard")
        for f in mine:
            if id(f) not in used:
                only_ours += 1
                if len(samples) < details:
                    samples.append(f"{path}:{f['startLine']} {f['name']} only ours")
        compared += len(theirs)
    union = matched + only_lizard + only_ours
    return {
        'files': len(files),
        'functionsLizard': compared,
        'functionsBoth': matched,
        'onlyLizard': only_lizard,
        'onlyOurs': only_ours,
        'countAgreement': round(matched / union, 4) if union else 1.0,
        'complexityAgreementOfMatched': round(equal / matched, 4) if matched else 1.0,
        # Both: found by both tools and with the same complexity, of every function either tool found.
        'agreement': round(equal / union, 4) if union else 1.0,
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
        result = {'root': getattr(args, language), 'lizard': compare_lizard(files, dumps, args.details)}
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
        for name, case in summary.get('lizardJavaScriptCases', {}).items():
            print(f"\nlizard case `{name}` (name, start, end, complexity): lizard {case['lizard']}, ours {case['ours']}")
        for language, r in summary.items():
            if language == 'lizardJavaScriptCases':
                continue
            for line in r['lizard']['samples'] + ((r.get('bandit') or {}).get('misses') or []):
                print(f"<!-- {language}: {line} -->")
    else:
        print(json.dumps(summary, indent=2))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
