"""Scoring results files against a synthetic world's ground truth (truth.json)."""
