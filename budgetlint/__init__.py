"""budgetlint: finds contradictions in Chinese department budget disclosures (部门预算/决算公开)."""

__version__ = "0.1.0"
