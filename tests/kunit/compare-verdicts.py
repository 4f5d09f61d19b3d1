#!/usr/bin/env python3
"""Compare ksim's own KTAP verdicts with what kunit.py made of them.

usage: compare-verdicts.py KTAP_FILE KUNIT_JSON

KTAP_FILE is ksim's --kunit output; KUNIT_JSON is `kunit.py parse --json`
of the same run (or of the time-stamped kernel log).  Every suite and test
case ksim printed must be in the JSON with the same verdict (PASS, FAIL,
SKIP), and nothing else may be.  Exit 0 when they agree, 1 otherwise.
"""
import json
import re
import sys

RESULT = re.compile(r'^( *)(ok|not ok) \d+ (\S+)(.*)$')


def ktap_verdicts(path):
    """{(suite, case or None): status} from the suite and case lines."""
    found = {}
    pending = []  # case results of the suite being read
    with open(path) as f:
        for line in f:
            m = RESULT.match(line.rstrip('\n'))
            if not m:
                continue
            indent, ok, name, rest = len(m.group(1)), m.group(2), m.group(3), m.group(4)
            status = 'FAIL' if ok == 'not ok' else (
                'SKIP' if rest.startswith(' # SKIP') else 'PASS')
            if indent == 4:
                pending.append((name, status))
            elif indent == 0:
                found[(name, None)] = status
                for case, st in pending:
                    found[(name, case)] = st
                pending = []
    return found


def group_status(group):
    statuses = [t['status'] for t in group.get('test_cases', [])]
    statuses += [group_status(g) for g in group.get('sub_groups', [])]
    if 'FAIL' in statuses or not statuses and group.get('status') == 'FAIL':
        return 'FAIL'
    if statuses and all(s == 'SKIP' for s in statuses):
        return 'SKIP'
    return 'PASS'


def json_verdicts(path):
    with open(path) as f:
        root = json.load(f)
    found = {}
    for suite in root.get('sub_groups', []):
        found[(suite['name'], None)] = group_status(suite)
        for case in suite.get('test_cases', []):
            found[(suite['name'], case['name'])] = case['status']
        for params in suite.get('sub_groups', []):
            found[(suite['name'], params['name'])] = group_status(params)
    # A suite that failed before any case ran is a bare test case.
    for case in root.get('test_cases', []):
        found[(case['name'], None)] = case['status']
    return found


def main():
    ksim = ktap_verdicts(sys.argv[1])
    kunit = json_verdicts(sys.argv[2])
    bad = 0
    for key in sorted(set(ksim) | set(kunit), key=str):
        a, b = ksim.get(key, 'absent'), kunit.get(key, 'absent')
        if a != b:
            print('%s: ksim says %s, kunit.py says %s' % ('.'.join(k for k in key if k), a, b))
            bad = 1
    if not ksim:
        print('no verdicts in %s' % sys.argv[1])
        bad = 1
    if not bad:
        print('%d verdicts agree' % len(ksim))
    return bad


sys.exit(main())
