"""Helpers of the table rules: identities between cells (identity_checks), detail rows (detail), the scope of
the 一般公共预算 tables (scope)."""
