"""The checks of a held-out set's gold (tests/heldout5 onwards: each set's check_gold.py calls `main`).

Checks, for every row of gold.jsonl:
  * valid JSON object with the common keys (file, kind, quote, sentence) and exactly the fields of its kind
    (the format of tests/heldout and tests/heldout2; `note` is optional);
  * file exists under docs/; kind in {money, compute, talent_move, model_event}; event in the allowed set;
  * quote is a substring of sentence, and sentence an exact substring of the document (raw text for
    .txt and .md files; for an .html file the visible text: <script>/<style> blocks and comments removed,
    all tags removed, entities decoded);
  * sentence sits on sentence boundaries: preceded by start of text/line, end punctuation + whitespace, a
    speaker or dateline label at line start, a Markdown heading marker (or, where the set says so, a
    list item's marker); followed by end of text/line or whitespace;
  * per-kind fields well typed (money: USD rows have currency/value_native null, non-USD rows an ISO code
    and a native amount; approximate rows carry a hedge word in the quote); aliases occur in the document;
    no duplicate rows.
Prints one line per problem and a final count; exit status 1 if any problem.
"""
import html, json, os, re, sys

KINDS = {'money', 'compute', 'talent_move', 'model_event'}
EVENTS = {'release', 'announce', 'plan', 'delay', 'withdraw', 'cancel'}
DIRECTIONS = {'join', 'leave'}
UNITS = {'GPU', 'MW'}
COMMON = ['file', 'kind', 'quote', 'sentence']
FIELDS = {
    'money': ['value_usd', 'value_usd_high', 'approximate', 'currency', 'value_native', 'what'],
    'compute': ['quantity', 'unit', 'approximate', 'what'],
    'talent_move': ['person', 'aliases', 'count', 'from_org', 'to_org', 'direction'],
    'model_event': ['model', 'event'],
}
OPTIONAL = {'note'}
HEDGES = ('about', 'around', 'roughly', 'at least', 'more than', 'up to', 'over', 'nearly', 'some')
LEFT_OK = [
    re.compile(r'[.!?…]["”’)\]]*\s+$'),                # after end punctuation
    re.compile(r'(?:^|\n)[ \t]*$'),                   # start of a line
    re.compile(r"(?:^|\n)[A-Z][A-Z .,'-]*:[ \t]+$"),  # speaker / dateline label
    re.compile(r'(?:^|\n)#+[ \t]+$'),                 # Markdown heading
]


def read_doc(path):
    """Raw text for .txt/.md; the visible text of an .html file (the convention of dev corpus A)."""
    text = open(path, encoding='utf-8').read()
    if path.lower().endswith(('.html', '.htm')):
        text = re.sub(r'(?is)<(script|style)\b.*?</\1\s*>', '', text)
        text = re.sub(r'(?s)<!--.*?-->', '', text)
        text = html.unescape(re.sub(r'<[^>]+>', '', text))
    return text


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def opt_str(x):
    return x is None or (isinstance(x, str) and x.strip() != '')


def on_boundaries(text, sent, left_ok_patterns):
    start = 0
    while True:
        i = text.find(sent, start)
        if i < 0:
            return False
        j = i + len(sent)
        before = text[max(0, i - 200):i]
        left_ok = i == 0 or any(p.search(before) for p in left_ok_patterns)
        right_ok = j == len(text) or text[j] in ' \t\r\n'
        if left_ok and right_ok:
            return True
        start = i + 1


def check_row(n, row, texts, problems, docs, left_ok):
    def bad(msg):
        problems.append(f'line {n}: {msg}')
    if not isinstance(row, dict):
        bad('not a JSON object'); return
    if list(row)[:4] != COMMON:
        bad(f'first keys must be {COMMON}'); return
    kind = row['kind']
    if kind not in KINDS:
        bad(f'invalid kind {kind!r}'); return
    keys = [k for k in row if k not in OPTIONAL]
    if keys != COMMON + FIELDS[kind]:
        bad(f'{kind}: keys {keys[4:]} != {FIELDS[kind]}'); return
    fn = row['file']
    path = os.path.join(docs, fn)
    if not os.path.isfile(path):
        bad(f'file not found: {fn}'); return
    if fn not in texts:
        texts[fn] = read_doc(path)
    text = texts[fn]
    q, s = row['quote'], row['sentence']
    if not (isinstance(q, str) and q.strip()) or not (isinstance(s, str) and s.strip()):
        bad('empty quote or sentence'); return
    if q not in s:
        bad(f'quote not in sentence: {q!r}')
    if s not in text:
        bad(f'sentence not found in {fn}: {s[:80]!r}')
    elif not on_boundaries(text, s, left_ok):
        bad(f'sentence not on sentence boundaries in {fn}: {s[:80]!r}')
    if s != s.strip():
        bad('sentence has leading/trailing whitespace')
    if 'note' in row and not (isinstance(row['note'], str) and row['note'].strip()):
        bad('note must be a non-empty string')
    if kind == 'money':
        v, hi, cur = row['value_usd'], row['value_usd_high'], row['currency']
        if not is_num(v) or v <= 0:
            bad('value_usd must be a positive number')
        if not (hi is None or is_num(hi)) or (is_num(v) and is_num(hi) and hi <= v):
            bad('value_usd_high must be null or above value_usd')
        if cur is None:
            if row['value_native'] is not None:
                bad('value_native must be null for USD amounts')
            if '$' not in q:
                bad('USD row (currency null) without $ in the quote')
        elif not (isinstance(cur, str) and re.fullmatch(r'[A-Z]{3}', cur) and cur != 'USD'):
            bad('currency must be null (USD) or a non-USD ISO-4217 code')
        elif not is_num(row['value_native']):
            bad('non-USD amount needs value_native')
        if not opt_str(row['what']):
            bad('what must be a non-empty string or null')
    if kind in ('money', 'compute'):
        if not isinstance(row['approximate'], bool):
            bad('approximate must be boolean')
        hedged = any(re.search(r'\b' + h + r'\b', q, re.I) for h in HEDGES)
        if row['approximate'] != hedged:
            bad(f'approximate={row["approximate"]} but hedge word in quote: {hedged}')
        if not re.search(r'\d', q):
            bad('quote has no digits')
    if kind == 'compute':
        if not is_num(row['quantity']) or row['quantity'] <= 0:
            bad('quantity must be a positive number')
        if row['unit'] not in UNITS:
            bad(f'invalid unit {row["unit"]!r}')
        if not opt_str(row['what']):
            bad('what must be a non-empty string or null')
    elif kind == 'talent_move':
        p, c = row['person'], row['count']
        if not opt_str(p):
            bad('person must be a non-empty string or null')
        if p is not None and c != 1:
            bad('count must be 1 when person is given')
        if not (c is None or (isinstance(c, int) and not isinstance(c, bool) and c > 0)):
            bad('count must be a positive integer or null')
        if p is not None and p not in text:
            bad(f'person not named in document: {p!r}')
        if not (isinstance(row['aliases'], list) and all(isinstance(a, str) and a for a in row['aliases'])):
            bad('aliases must be a list of strings')
        else:
            for a in row['aliases']:
                if a not in text:
                    bad(f'alias not in document: {a!r}')
            if p is None and row['aliases']:
                bad('aliases given for a group')
        for k in ('from_org', 'to_org'):
            if not opt_str(row[k]):
                bad(f'{k} must be a non-empty string or null')
            elif row[k] is not None and row[k].split()[0] not in text:
                bad(f'{k} not named in document: {row[k]!r}')
        if row['from_org'] is None and row['to_org'] is None:
            bad('talent_move needs from_org or to_org')
        if row['direction'] not in DIRECTIONS:
            bad(f'invalid direction {row["direction"]!r}')
    elif kind == 'model_event':
        if row['event'] not in EVENTS:
            bad(f'invalid event {row["event"]!r}')
        if not (isinstance(row['model'], str) and row['model'] in text):
            bad(f'model not named in document: {row["model"]!r}')


def main(here, list_item=None):
    """Check `here`/gold.jsonl against `here`/docs (or the paths given on the command line); with
    `list_item` (a regex of list markers, "[-*+]|\\d+\\.") a list item's marker is a sentence boundary."""
    gold = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, 'gold.jsonl')
    docs_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, 'docs')
    left_ok = LEFT_OK + ([re.compile(rf'(?:^|\n)[ \t]*(?:{list_item})[ \t]+$')] if list_item else [])
    problems, texts, seen, n_rows = [], {}, set(), 0
    with open(gold, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            n_rows += 1
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f'line {n}: invalid JSON ({e})'); continue
            check_row(n, row, texts, problems, docs_dir, left_ok)
            key = json.dumps(row, sort_keys=True, ensure_ascii=False)
            if key in seen:
                problems.append(f'line {n}: duplicate row')
            seen.add(key)
    docs = sorted(os.listdir(docs_dir))
    for fn in docs:
        if fn not in texts:
            problems.append(f'document without gold rows: {fn}')
    for p in problems:
        print(p)
    print(f'{n_rows} rows, {len(docs)} documents, {len(problems)} problems')
    sys.exit(1 if problems else 0)
