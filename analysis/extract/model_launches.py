"""Announcements that were launches: the model-event rows of one document whose `announce` the
document shows was the release (the convention of the dev corpora: "unveiled" is an announcement
unless the article says the model became available at that launch)."""
from __future__ import annotations

import re
from datetime import date

from analysis.corpus.doc import Doc


def launched(rows: list[dict], doc: Doc, opened: set[int]) -> list[dict]:
    """Announcements that the document shows were launches become releases (cue and quote stay):
    * an announcement of open weights ("unveiled its new open-weight Zephyr 3 models"; `opened`:
      the indexes of such rows);
    * an announcement followed, within two sentences, by "The launch" / "The release" naming no
      model ("Hooli introduced Zephyr 3 on Monday. ... The launch drew praise"), unless that
      sentence puts the launch in the future ("The launch is planned for May");
    * an announcement of a model the document states was released, undated or dated within a week
      of the release or of the publication ("Hooli unveiled Zephyr 3 on Monday ... Zephyr 3 is now
      available"); the date of a release in the same sentence is not counted, as it may be the
      announcement's own ("introduced it in 2023 and opened it to the public a year later" stays).
    An announcement dated earlier ("announced it in March") stays an announcement. Returns the rows,
    one per (sentence, model, event, status)."""
    launch_at = {s.sent_id for s in doc.sentences if _THE_LAUNCH.match(s.text) and not _NOT_YET.search(s.text)}
    for i, r in enumerate(rows):
        if r["event"] == "announce" and r["status"] == "stated" and (
                i in opened or launch_at & {r["sent_id"] + 1, r["sent_id"] + 2}):
            r["event"] = "release"
    for r in rows:
        if r["event"] != "announce" or r["status"] != "stated":
            continue
        released = [x for x in rows if x["model"] == r["model"] and x["event"] == "release" and x["status"] == "stated"]
        if not released:
            continue
        # a release's date from the same sentence may be the announcement's own ("in 2023 and ... later")
        near = {x["event_date"] for x in released if x["event_date"] and x["sent_id"] != r["sent_id"]} | (
            {doc.published.isoformat()} if doc.published else set())
        if r["event_date"] is None or any(_within_week(r["event_date"], d) for d in near):
            r["event"] = "release"
    # an announcement turned release may repeat a release of the same sentence ("is launching X,
    # the company announced"): one row
    seen: set[tuple] = set()
    kept = []
    for r in rows:
        key = (r["sent_id"], r["model"], r["event"], r["status"])
        if key not in seen:
            seen.add(key)
            kept.append(r)
    return kept


# a sentence about the launch of a model it does not name: "The launch drew attention"
_THE_LAUNCH = re.compile(r"\W*(?:the|this|that|its)\s+(?:[a-z]+\s+)?(?:launch|release|rollout|debut)\b(?!\s+of\b)",
                         re.IGNORECASE)


# a launch still to come: "The launch is planned for May", "The release date has not been set"
_NOT_YET = re.compile(r"\b(?:will|would|planned|expected|scheduled|slated|due|set\s+(?:for|to)|later|next|"
                      r"date|not|yet|soon)\b", re.IGNORECASE)


def _within_week(a: str, b: str) -> bool:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= 7
    except ValueError:
        return False
