"""The names of the loader as they were before it was split by job (budgetlint.loader).

Kept so that imports written against ``budgetlint.source`` keep working; new code imports from the
module of :mod:`budgetlint.loader` that does the job (or :mod:`budgetlint.finding` for positions).
"""

from __future__ import annotations

from budgetlint.finding import JsonPath, Span
from budgetlint.loader.datafile import DataFileError, load_data
from budgetlint.loader.document import Located, LoadProblem, LoadResult
from budgetlint.loader.json_reader import load_json
from budgetlint.loader.nodes import LIBYAML_MAX_NESTING, compose_yaml
from budgetlint.loader.positions import offset_span, quoted_column, split_lines
from budgetlint.loader.scalars import MAX_EXPONENT, MAX_NUMBER_CHARS, Scalar, negative_zero, resolve_plain, same_scalar
from budgetlint.loader.sourcemap import NodeInfo, SourceMap
from budgetlint.loader.yaml_reader import MAX_RELATED_ALIASES, load_yaml

__all__ = [
    "LIBYAML_MAX_NESTING", "MAX_EXPONENT", "MAX_NUMBER_CHARS", "MAX_RELATED_ALIASES", "DataFileError", "JsonPath",
    "Located", "LoadProblem", "LoadResult", "NodeInfo", "Scalar", "SourceMap", "Span", "compose_yaml", "load_data",
    "load_json", "load_yaml", "negative_zero", "offset_span", "quoted_column", "resolve_plain", "same_scalar",
    "split_lines",
]
