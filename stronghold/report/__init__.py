"""The findings as a self-contained HTML report: no network, no scripts from elsewhere."""
