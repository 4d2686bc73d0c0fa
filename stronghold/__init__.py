"""Stronghold: open analysis of county-lines drug networks, from comms data to outcomes."""

__version__ = "0.1.0"
