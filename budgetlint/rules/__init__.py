"""The rule side of budgetlint: what rules share (the check library, the declarative loader, and the helpers
grouped by what they read: tables, units, finals, text, narrative, cross-file). The rules themselves are in
rules.d/ (installed as budgetlint.rules_d); the contract they implement is budgetlint.rule."""
