"""Precision and recall of extractor rows against gold rows, for the extractor tests that import
it: scored by the one gold scorer, `analysis.tools.evaluate` (its docstring has the rule)."""
import pandas as pd

from analysis.tools.evaluate import match_table, prf


def score(gold_rows, pred_rows, docs, keys):
    """(precision, recall) of `pred_rows` against `gold_rows` (lists of dicts), the documents'
    texts (`docs`: doc_id -> Doc) aligning the quotes; `keys`: the fields that must agree."""
    texts = {doc_id: d.text for doc_id, d in docs.items()}
    tps, misses, fps = match_table(pd.DataFrame(gold_rows), pd.DataFrame(pred_rows), keys, texts)
    precision, recall, _f1 = prf(len(tps), len(fps), len(misses))
    return precision, recall
