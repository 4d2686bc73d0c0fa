"""Stores: the operational records (SQLAlchemy) and the bulk events (Parquet)."""
