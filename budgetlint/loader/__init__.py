"""Reading a disclosure or a data file: text → plain data, problems with locations, and a source map.

One module per job, lowest first:

* ``scalars``     typing a plain scalar (int, Decimal from the text, true/false/null, else text);
* ``positions``   lines as libyaml counts them, the span of an offset, columns inside quoted scalars;
* ``document``    what a reader returns: :class:`Located`, :class:`LoadResult`, :class:`LoadProblem`;
* ``nodes``       libyaml's composer with budgetlint's typing-free resolver, allowed tags, node spans;
* ``sourcemap``   data path → span, built from the nodes when a position is first asked for;
* ``messages``    libyaml's and json's errors in Chinese;
* ``yaml_reader`` / ``json_reader``  the full readers (every BL001 with its location);
* ``fast``        the rapidyaml fast path, for batch runs only (its docstring says why);
* ``datafile``    budgetlint's own YAML data files (profiles, declarative rules, vocabularies).

Positions (:class:`~budgetlint.finding.Span`) are values and live in :mod:`budgetlint.finding`. The loader
imports nothing of budgetlint but that module and itself (tests/test_architecture.py). This package
module imports nothing, so importing one job does not import the others (start-up).
"""
