#!/usr/bin/env python3
"""Validate tests/heldout5/gold.jsonl against tests/heldout5/docs/: the checks of
tests/heldout_gold.py.
Usage: python3 check_gold.py [gold.jsonl] [docs_dir]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # (a script run on its own: tests/heldout_gold.py beside this folder)
from heldout_gold import main  # noqa: E402

if __name__ == '__main__':
    main(HERE)
