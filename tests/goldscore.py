"""Precision and recall of extractor rows against seed gold rows, shared by the extractor tests."""


def score(gold_rows, pred_rows, docs, keys):
    """A gold row is found when an unused predicted row of the same document overlaps its quote's
    first occurrence and agrees on every key field. Returns (precision, recall)."""
    used, tp = set(), 0
    for g in gold_rows:
        text = docs[g["doc_id"]].text
        s = text.find(g["quote"])
        assert s >= 0, g
        e = s + len(g["quote"])
        for i, p in enumerate(pred_rows):
            if i in used or p["doc_id"] != g["doc_id"] or not (p["start"] < e and s < p["end"]):
                continue
            if all((p[k] or "") == (g[k] or "") for k in keys):
                used.add(i)
                tp += 1
                break
    return tp / max(1, len(pred_rows)), tp / max(1, len(gold_rows))
