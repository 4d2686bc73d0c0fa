"""The analyses: one module per question, each a pipeline of SQL steps on the engine."""
