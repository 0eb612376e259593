"""Built-in rule modules: one rule per file, named blNNN_<slug>.py (installed as budgetlint.rules_d)."""
