"""Reading the narrative (情况说明): numbers, claims, and the vocabulary that ties claims to table cells.

``numbers`` finds every number in a text block (full-width digits, thousands separators, numbers
broken across lines), ``claims`` turns them into claims (labelled amounts, shares, changes, counts,
years), ``vocabulary`` maps the claims of a section topic to table cells. Rules BL3xx/BL4xx read
claims through :func:`budgetlint.rules.narrative.sections.narrative`.
"""
