"""Scoring results files against a synthetic world's ground truth (truth.json).

`scores.py`: precision, recall and F1 per results file (`stronghold evaluate`'s first table).
`measures.py`: the measures of issue 14, one figure per question, which
`benchmarks/robustness.py` takes over many worlds; `matching.py` matches found lines and
groups to the truth's, and `partitions.py` compares groupings (adjusted Rand index).
"""
