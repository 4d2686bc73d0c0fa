"""Normalisers: each turns the values a supplier wrote into Stronghold's canonical form."""
