"""views.context: a fact's document fields and the company-in-focus match."""
import pandas as pd

from analysis.report.views.context import belongs_to, with_document_fields


def test_belongs_to_matches_company_and_named_units_only():
    assert belongs_to("Initech", "initech") and belongs_to("Initech Labs", "Initech")
    assert not belongs_to("Initechnology", "Initech") and not belongs_to(None, "Initech")
    assert not belongs_to("Initech", "")


def test_with_document_fields(documents):
    facts = pd.DataFrame({"doc_id": ["d2", "zz"], "title": ["stale", "stale"], "quote": ["q", "r"]})
    out = with_document_fields(facts, documents, ("quote", "model"))
    assert list(out["title"]) == ["Globex results", ""]  # the document's title replaces the fact's; '' if unknown
    assert out["model"].isna().all() and out.loc[0, "published"] == "2024-11-01"
    bare = with_document_fields(facts, None, ())
    assert list(bare["title"]) == ["stale", "stale"] and bare["published"].isna().all()
