#!/usr/bin/env python3
"""Validate tests/heldout4/gold.jsonl against tests/heldout4/docs/.

Checks, for every row:
  * valid JSON object with the keys of the held-out gold format (tests/heldout, tests/heldout2)
    for its kind, plus an optional `note`;
  * file exists under docs/; kind, event and direction are valid;
  * quote is a substring of sentence, and sentence is an exact substring of the document text
    (for .html: the visible text, i.e. <script>/<style> blocks and comments removed, all tags
    removed, entities decoded; otherwise the raw file);
  * sentence sits on sentence boundaries (start of line, optionally after a Markdown heading or
    list marker, or after end punctuation + whitespace; followed by whitespace or end of text);
  * per-kind fields are well typed; non-USD money has currency + value_native and value_usd
    matches the fixed rate; aliases occur in the document.
Usage: python3 check_gold.py [gold.jsonl] [docs_dir]
Prints one line per problem, per-file counts and a final count; exit status 1 if any problem.
"""
import collections, html, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'gold.jsonl')
DOCS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, 'docs')

COMMON = ['file', 'kind', 'quote', 'sentence']
FIELDS = {
    'money': ['value_usd', 'value_usd_high', 'approximate', 'currency', 'value_native', 'what'],
    'compute': ['quantity', 'unit', 'approximate', 'what'],
    'talent_move': ['person', 'aliases', 'count', 'from_org', 'to_org', 'direction'],
    'model_event': ['model', 'event'],
}
EVENTS = {'release', 'announce', 'plan', 'delay', 'withdraw', 'cancel'}
DIRECTIONS = {'join', 'leave'}
UNITS = {'GPU', 'MW'}
RATES = {'GBP': 1.37, 'EUR': 1.17, 'KRW': 0.00072}  # USD per unit, as in tests/heldout


def visible_text(raw):
    t = re.sub(r'(?is)<(script|style)\b.*?</\1\s*>', '', raw)
    t = re.sub(r'(?s)<!--.*?-->', '', t)
    t = re.sub(r'(?s)<[^>]+>', '', t)
    return html.unescape(t)


def doc_text(path):
    raw = open(path, encoding='utf-8').read()
    return visible_text(raw) if path.lower().endswith(('.html', '.htm')) else raw


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def opt_str(x):
    return x is None or (isinstance(x, str) and x.strip() != '')


def on_boundaries(text, sent):
    start = 0
    while True:
        i = text.find(sent, start)
        if i < 0:
            return False
        j = i + len(sent)
        before = text[:i]
        left_ok = (i == 0 or re.search(r'(^|\n)[ \t]*(#+ |[-*] )?$', before) is not None
                   or re.search(r'[.!?…][”"’)\]]*\s+$', before) is not None)
        right_ok = j == len(text) or text[j] in ' \t\r\n\u00a0'
        if left_ok and right_ok:
            return True
        start = i + 1


def check_row(row, texts, bad):
    if not isinstance(row, dict):
        return bad('not a JSON object')
    if any(k not in row for k in COMMON):
        return bad(f'missing keys {[k for k in COMMON if k not in row]}')
    kind = row['kind']
    if kind not in FIELDS:
        return bad(f'invalid kind {kind!r}')
    want = COMMON + FIELDS[kind]
    if [k for k in row if k != 'note'] != want:
        bad(f'{kind}: keys {list(row)} differ from {want} (+ optional note)')
    if any(k not in row for k in want):
        return
    if 'note' in row and not (isinstance(row['note'], str) and row['note'].strip()):
        bad('note must be a non-empty string')
    fn = row['file']
    path = os.path.join(DOCS, fn)
    if not os.path.isfile(path):
        return bad(f'file not found: {fn}')
    text = texts.setdefault(fn, doc_text(path))
    q, s = row['quote'], row['sentence']
    if not (isinstance(q, str) and q.strip()) or not (isinstance(s, str) and s.strip()):
        return bad('empty quote or sentence')
    if q not in s:
        bad(f'quote not in sentence: {q!r}')
    if s != s.strip():
        bad('sentence has leading/trailing whitespace')
    if s not in text:
        bad(f'sentence not found in {fn}: {s[:80]!r}')
    elif not on_boundaries(text, s):
        bad(f'sentence not on sentence boundaries in {fn}: {s[:80]!r}')
    if kind == 'money':
        v, hi, cur, nat = row['value_usd'], row['value_usd_high'], row['currency'], row['value_native']
        if not is_num(v) or v <= 0:
            bad('value_usd must be a positive number')
        if not (hi is None or (is_num(hi) and is_num(v) and hi > v)):
            bad('value_usd_high must be null or > value_usd')
        if not isinstance(row['approximate'], bool):
            bad('approximate must be boolean')
        if cur is None:
            if nat is not None:
                bad('value_native must be null for USD amounts (currency null)')
        elif cur not in RATES:
            bad(f'unknown currency {cur!r}')
        elif not is_num(nat):
            bad('non-USD amount needs value_native')
        elif is_num(v) and abs(nat * RATES[cur] - v) > 0.01 * v:
            bad(f'value_usd {v} does not match {nat} {cur} at {RATES[cur]}')
        if not opt_str(row['what']):
            bad('what must be a string or null')
    elif kind == 'compute':
        if not is_num(row['quantity']) or row['quantity'] <= 0:
            bad('quantity must be a positive number')
        if row['unit'] not in UNITS:
            bad(f'invalid unit {row["unit"]!r}')
        if not isinstance(row['approximate'], bool):
            bad('approximate must be boolean')
    elif kind == 'talent_move':
        p, c = row['person'], row['count']
        if not opt_str(p):
            bad('person must be a non-empty string or null')
        if p is not None and c != 1:
            bad('count must be 1 when person is given')
        if not (c is None or (isinstance(c, int) and not isinstance(c, bool) and c > 0)):
            bad('count must be a positive integer or null')
        if not (isinstance(row['aliases'], list) and all(isinstance(a, str) and a for a in row['aliases'])):
            bad('aliases must be a list of strings')
        else:
            for a in row['aliases']:
                if a not in text:
                    bad(f'alias not in document: {a!r}')
            if p is not None and (p in row['aliases'] or p not in text):
                bad('person must occur in the document and not repeat as an alias')
        for k in ('from_org', 'to_org'):
            if not opt_str(row[k]):
                bad(f'{k} must be a non-empty string or null')
        if row['from_org'] is None and row['to_org'] is None:
            bad('talent_move needs from_org or to_org')
        if row['direction'] not in DIRECTIONS:
            bad(f'invalid direction {row["direction"]!r}')
    elif kind == 'model_event':
        if row['event'] not in EVENTS:
            bad(f'invalid event {row["event"]!r}')
        if not (isinstance(row['model'], str) and row['model'].strip()):
            bad('model must be a non-empty string')


def main():
    problems, texts, seen = [], {}, set()
    counts = collections.Counter()
    n_rows = 0
    with open(GOLD, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            n_rows += 1
            bad = lambda msg, n=n: problems.append(f'line {n}: {msg}')
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                bad(f'invalid JSON ({e})'); continue
            check_row(row, texts, bad)
            if isinstance(row, dict):
                counts[(row.get('file'), row.get('kind'))] += 1
            key = json.dumps(row, sort_keys=True, ensure_ascii=False)
            if key in seen:
                bad('duplicate row')
            seen.add(key)
    docs = sorted(os.listdir(DOCS))
    for fn in docs:
        if fn not in texts:
            problems.append(f'document without gold rows: {fn}')
    kinds = list(FIELDS)
    print(f'{"file":28} ' + ' '.join(f'{k:>11}' for k in kinds) + '  words')
    for fn in docs:
        words = len(doc_text(os.path.join(DOCS, fn)).split())
        print(f'{fn:28} ' + ' '.join(f'{counts[(fn, k)]:>11}' for k in kinds) + f'  {words:>5}')
    print(f'{"total":28} ' + ' '.join(f'{sum(v for (f_, k_), v in counts.items() if k_ == k):>11}' for k in kinds))
    for p in problems:
        print(p)
    print(f'{n_rows} rows, {len(docs)} documents, {len(problems)} problems')
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
