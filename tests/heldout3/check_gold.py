#!/usr/bin/env python3
"""Validate tests/heldout3/gold.jsonl against docs/ (the held-out gold format of tests/heldout).

Checks, for every row:
  * a JSON object with file, kind, quote, sentence and exactly the fields of its kind;
  * the file exists under docs/; kind and event are valid; numbers, booleans and strings are well typed;
  * quote is a substring of sentence, and sentence is an exact substring of the document text
    (for .html: the visible text, i.e. the raw file with <script>/<style> blocks and comments removed,
    all tags removed, then HTML entities decoded; for .txt/.md: the raw file);
  * sentence sits on sentence boundaries: preceded by start of text, a newline (optionally followed by a
    Markdown marker "# ", "- ", "* ") or end punctuation + whitespace; followed by end of text or whitespace;
  * no duplicate rows; every document has rows.
Usage: python3 check_gold.py [gold.jsonl] [docs_dir]. Prints one line per problem and a final count;
exit status 1 if any problem.
"""
import html, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "gold.jsonl")
DOCS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "docs")

COMMON = ["file", "kind", "quote", "sentence"]
FIELDS = {
    "money": ["value_usd", "value_usd_high", "approximate", "currency", "value_native", "what"],
    "compute": ["quantity", "unit", "approximate", "what"],
    "talent_move": ["person", "aliases", "count", "from_org", "to_org", "direction"],
    "model_event": ["model", "event"],
}
EVENTS = {"release", "announce", "plan", "delay", "withdraw", "cancel"}
UNITS = {"GPU", "MW"}
DIRECTIONS = {"join", "leave"}


def visible_text(raw):
    t = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", raw)
    t = re.sub(r"(?s)<!--.*?-->", "", t)
    t = re.sub(r"(?s)<[^>]+>", "", t)
    return html.unescape(t)


def doc_text(path):
    raw = open(path, encoding="utf-8").read()
    return visible_text(raw) if path.lower().endswith((".html", ".htm")) else raw


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def opt_str(x):
    return x is None or (isinstance(x, str) and x.strip() != "")


def on_boundaries(text, sent):
    start = 0
    while True:
        i = text.find(sent, start)
        if i < 0:
            return False
        j = i + len(sent)
        before = text[:i]
        left = (i == 0 or re.search(r"\n[ \t]*([#*-]+[ \t]+)?$", before) is not None
                or re.search(r"[.!?…][”\"’)\]]*\s+$", before) is not None)
        right = j == len(text) or text[j] in " \t\r\n\u00a0"
        if left and right:
            return True
        start = i + 1


def check_row(n, row, texts, problems):
    def bad(msg):
        problems.append(f"line {n}: {msg}")
    if not isinstance(row, dict) or any(k not in row for k in COMMON):
        bad("not an object with file, kind, quote, sentence"); return
    kind = row["kind"]
    if kind not in FIELDS:
        bad(f"invalid kind {kind!r}"); return
    want = COMMON + FIELDS[kind]
    if set(row) != set(want):
        bad(f"fields {sorted(row)} != {sorted(want)}"); return
    path = os.path.join(DOCS, row["file"])
    if not os.path.isfile(path):
        bad(f"file not found: {row['file']}"); return
    text = texts.setdefault(row["file"], doc_text(path))
    q, s = row["quote"], row["sentence"]
    if not (isinstance(q, str) and q.strip() and isinstance(s, str) and s.strip()):
        bad("empty quote or sentence"); return
    if q not in s:
        bad(f"quote not in sentence: {q!r}")
    if s != s.strip():
        bad("sentence has leading/trailing whitespace")
    if s not in text:
        bad(f"sentence not found in {row['file']}: {s[:80]!r}")
    elif not on_boundaries(text, s):
        bad(f"sentence not on sentence boundaries: {s[:80]!r}")
    if kind == "money":
        v, hi = row["value_usd"], row["value_usd_high"]
        if not is_num(v) or v <= 0:
            bad("value_usd must be a positive number")
        if not (hi is None or (is_num(hi) and is_num(v) and hi > v)):
            bad("value_usd_high must be null or above value_usd")
        if not isinstance(row["approximate"], bool):
            bad("approximate must be boolean")
        cur, nat = row["currency"], row["value_native"]
        if cur is None:
            if nat is not None or "$" not in q:
                bad("a USD amount has currency null, value_native null and a $ in its quote")
        elif not (isinstance(cur, str) and re.fullmatch(r"[A-Z]{3}", cur) and cur != "USD" and is_num(nat)):
            bad("a non-USD amount needs an ISO currency and value_native")
        if not opt_str(row["what"]) or row["what"] is None:
            bad("what must be a string")
    elif kind == "compute":
        if not is_num(row["quantity"]) or row["quantity"] <= 0:
            bad("quantity must be a positive number")
        if row["unit"] not in UNITS:
            bad(f"invalid unit {row['unit']!r}")
        if not isinstance(row["approximate"], bool):
            bad("approximate must be boolean")
        if not opt_str(row["what"]):
            bad("what must be a string or null")
    elif kind == "talent_move":
        p, c = row["person"], row["count"]
        if not opt_str(p):
            bad("person must be a non-empty string or null")
        if p is not None and c is not None:
            bad("count must be null when person is given")
        if not (c is None or (isinstance(c, int) and not isinstance(c, bool) and c > 0)):
            bad("count must be a positive integer or null")
        if not (isinstance(row["aliases"], list) and all(isinstance(a, str) and a in text for a in row["aliases"])):
            bad("aliases must be strings that occur in the document")
        if p is not None and p.split()[-1] not in text:
            bad(f"person's surname not in document: {p!r}")
        for k in ("from_org", "to_org"):
            if not opt_str(row[k]):
                bad(f"{k} must be a non-empty string or null")
        if row["from_org"] is None and row["to_org"] is None:
            bad("needs from_org or to_org")
        if row["direction"] not in DIRECTIONS:
            bad(f"invalid direction {row['direction']!r}")
    elif kind == "model_event":
        if row["event"] not in EVENTS:
            bad(f"invalid event {row['event']!r}")
        if not (isinstance(row["model"], str) and row["model"] in text):
            bad(f"model name not in document: {row['model']!r}")


def main():
    problems, texts, seen, n_rows = [], {}, set(), 0
    with open(GOLD, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            n_rows += 1
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: invalid JSON ({e})"); continue
            check_row(n, row, texts, problems)
            key = json.dumps(row, sort_keys=True, ensure_ascii=False)
            if key in seen:
                problems.append(f"line {n}: duplicate row")
            seen.add(key)
    docs = sorted(os.listdir(DOCS))
    problems += [f"document without gold rows: {d}" for d in docs if d not in texts]
    for p in problems:
        print(p)
    print(f"{n_rows} rows, {len(docs)} documents, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
