"""Repository mode: the other disclosures a file is checked against, found by identity, not by path.

Each disclosure declares who it is: 部门, 年度, 类型 (预算/决算) and, for a 单位 file, 所属部门 (the 部门
it belongs to; its own 部门 key then names the unit). :class:`Repository` indexes every file of a run
(the checked paths plus the configured roots) by that identity, once per run, from the files' top-level
keys (a text scan: the identity keys are column-0 keys of the top mapping), so a run over N files
reads each file's identity once. Cross-file rules (rules.d/bl8xx) ask for a counterpart — last year's
预算, the same year's 预算 of a 决算, the 部门 file of a unit — and get it loaded and schema-validated,
read-only: no finding is ever made on a related file here (it gets its own findings only when it was
given to the run). Loaded files are kept in a small LRU cache, and the engine hands each file it has
just checked to the cache, so a whole-repository run in path order reads almost every file once.

Why a module-level "active" repository: a rule's contract is ``check(doc, opts)``; the run (CLI) or the
language server activates the repository of its project, and forked workers inherit it.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from budgetlint.loader.sourcemap import SourceMap
    from budgetlint.model import Disclosure

class ReadConfig(Protocol):
    """What reading a related file needs from the engine's configuration (budgetlint.engine.EngineConfig has
    it; this module sits below the engine, with the rules that use it, so it names only these fields)."""

    max_bytes: int
    max_depth: int
    profile_dirs: tuple[str, ...]


KINDS = ("预算", "决算")
CACHE_SIZE = 12  # files are checked in identity order, so the related ones are the last few; a larger cache keeps
# more models alive, which costs memory and collector time (measured: 8 → 24 files, +4 % CPU, +10 MB per 300 files)


class Identity(NamedTuple):
    """Who a disclosure is: the body (部门), the year, the kind and the unit ("" for the 部门 file)."""

    department: str
    year: int
    kind: str
    unit: str = ""

    def show(self) -> str:
        who = f"{self.department}（单位：{self.unit}）" if self.unit else self.department
        return f"{who} {self.year} 年度{self.kind}"

    def with_(self, **changes: Any) -> Identity:
        return self._replace(**changes)


def identity_of(data: Mapping[str, Any]) -> Identity | None:
    """The identity a loaded file declares (None when its 部门/年度/类型 are missing or malformed)."""
    department, year, kind, parent = data.get("部门"), data.get("年度"), data.get("类型"), data.get("所属部门")
    if not isinstance(department, str) or not department.strip() or type(year) is not int or kind not in KINDS:
        return None
    # A unit file may carry the department's own name (the 本部/本级 unit of 上海市普陀区商务委员会 is
    # 上海市普陀区商务委员会): declaring 所属部门 is what makes it a unit file, not a different name.
    if isinstance(parent, str) and parent.strip():
        return Identity(parent.strip(), year, str(kind), department.strip())
    return Identity(department.strip(), year, str(kind), "")


# Column-0 keys of the top mapping. A value this scan is not sure of (escapes, flow style, a repeated key)
# makes it fall back to loading the file; the identity of a file that is actually used is always
# re-read from its loaded data (Repository.load), so the scan only decides which files to look at.
_TOP_KEY = re.compile(r"^(部门|年度|类型|所属部门)[ \t]*:[ \t]*(.*?)[ \t]*(?:[ \t]#.*)?$", re.MULTILINE)
_PLAIN = re.compile(r"^[^'\"{}\[\]&*!|>%@`#,]\S*(?:[ \t]+\S+)*$")


def scan_identity(text: str) -> Identity | None | bool:
    """The identity from a YAML file's top-level keys; False when the scan cannot tell (load instead)."""
    values: dict[str, str] = {}
    for match in _TOP_KEY.finditer(text):
        key, raw = match.group(1), match.group(2)
        if key in values:
            return False  # a duplicate key: the loader decides (BL001)
        if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and "\\" not in raw and raw[0] not in raw[1:-1]:
            raw = raw[1:-1]
        elif raw and not _PLAIN.match(raw):
            return False
        values[key] = raw
    if not {"部门", "年度", "类型"} <= values.keys():
        return False
    year = values["年度"]
    data: dict[str, Any] = {**values, "年度": int(year) if year.isdigit() else year}
    return identity_of(data)


class Loaded(NamedTuple):
    """A related file as the rules read it: its model and where its values are."""

    doc: Disclosure
    smap: SourceMap
    identity: Identity


class Unusable(NamedTuple):
    """A file of the index that could not be used (unreadable, schema errors, unknown profile): why."""

    path: str
    reason: str


def _stamp_of(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class Repository:
    """The disclosures of one run, by identity; related files loaded read-only and cached."""

    def __init__(self, paths: Iterable[str], config_for: Callable[[str], ReadConfig] | None = None,
                 cache_size: int = CACHE_SIZE) -> None:
        self._config_for = config_for
        self._cache_size = cache_size
        self._paths: dict[str, str] = {}  # real path → the path as the run names it (first seen)
        self._by_identity: dict[Identity, list[str]] = {}
        self._identity: dict[str, Identity] = {}  # real path → scanned (or loaded) identity
        self._loaded: OrderedDict[str, tuple[Loaded | Unusable, tuple[int, int] | None]] = OrderedDict()
        self._lock = threading.RLock()  # the language server's lint threads share one repository
        self._reals: dict[str, str] = {}  # path as named → real path (os.path.realpath stats every component)
        # (department, year, kind) → unit → real paths: a 部门 file finds its units without a scan of the index
        self._units: dict[tuple[str, int, str], dict[str, list[str]]] = {}
        for path in paths:
            self.add(path)

    # -- the index -------------------------------------------------------------------------------

    def add(self, path: str, identity: Identity | None = None) -> None:
        """Index ``path`` (scanning its identity unless given); a path already indexed keeps its name."""
        with self._lock:
            self._add(path, identity)

    def _real(self, path: str) -> str:
        real = self._reals.get(path)
        if real is None:
            real = self._reals[path] = os.path.realpath(path)
        return real

    def _add(self, path: str, identity: Identity | None) -> None:
        real = self._real(path)
        if real in self._paths:
            if identity is None or self._identity.get(real) == identity:
                return
            self._unindex(real)
        self._paths[real] = path
        if identity is None:
            identity = self._scan(path)
        if identity is not None:
            self._identity[real] = identity
            self._by_identity.setdefault(identity, []).append(real)
            if identity.unit:
                body = self._units.setdefault((identity.department, identity.year, identity.kind), {})
                body.setdefault(identity.unit, []).append(real)

    def _unindex(self, real: str) -> None:
        old = self._identity.pop(real, None)
        if old is not None:
            self._by_identity[old] = [p for p in self._by_identity.get(old, []) if p != real]
            if old.unit:
                body = self._units.get((old.department, old.year, old.kind), {})
                body[old.unit] = [p for p in body.get(old.unit, []) if p != real]

    def _scan(self, path: str) -> Identity | None:
        try:
            with open(path, "rb") as handle:
                head = handle.read()
        except OSError:
            return None
        if not path.lower().endswith(".json"):
            try:
                found = scan_identity(head.decode("utf-8-sig"))
            except UnicodeDecodeError:
                return None  # not UTF-8: the file gets its BL001 when checked; nothing to relate it to
            if found is not False:
                return found if isinstance(found, Identity) else None
        loaded = self.load(path)
        return loaded.identity if isinstance(loaded, Loaded) else None

    def __len__(self) -> int:
        return len(self._paths)

    def name(self, path: str) -> str:
        """How the run names a file (the path it was given or discovered as)."""
        return self._paths.get(self._real(path), path)

    def paths_of(self, identity: Identity) -> list[str]:
        return [self._paths[real] for real in self._by_identity.get(identity, ())]

    def others(self, file: str, identity: Identity) -> list[str]:
        """Files other than ``file`` that claim ``identity``."""
        real = self._real(file)
        return [self._paths[p] for p in self._by_identity.get(identity, ()) if p != real]

    def units_of(self, department: str, year: int, kind: str) -> dict[str, list[str]]:
        """The 单位 files of a 部门 for a year and kind, by unit name."""
        body = self._units.get((department, year, kind), {})
        return {unit: [self._paths[r] for r in reals] for unit, reals in body.items() if reals}

    def processing_order(self, files: Sequence[str]) -> list[int]:
        """Indexes of ``files`` in the order that lets the cache serve the related files: by body and year,
        a 预算 before the 决算 of its year (which reads it), the units before their 部门 file (which sums
        them). Reports keep the given order."""
        def rank(index: int) -> tuple[Any, ...]:
            identity = self._identity.get(self._real(files[index]))
            if identity is None:
                return ("", 0, 0, False, "", index)
            return (identity.department, identity.year, KINDS.index(identity.kind), not identity.unit, identity.unit,
                    index)

        return sorted(range(len(files)), key=rank)

    # -- loading ---------------------------------------------------------------------------------

    def remember(self, file: str, doc: Disclosure, smap: SourceMap) -> None:
        """A file the engine has just checked (or an editor buffer): the rules read this version of it."""
        identity = identity_of(doc.data)
        if identity is None:
            return
        with self._lock:
            real = self._real(file)
            self._add(file, identity)
            self._put(real, Loaded(doc, smap, identity), _stamp_of(file))

    def forget(self, path: str) -> None:
        """Drop the cached reading of ``path`` (an editor closed its buffer: the file on disk counts again)."""
        with self._lock:
            self._loaded.pop(self._real(path), None)

    def _put(self, real: str, value: Loaded | Unusable, stamp: tuple[int, int] | None) -> None:
        self._loaded[real] = (value, stamp)
        self._loaded.move_to_end(real)
        while len(self._loaded) > self._cache_size:
            self._loaded.popitem(last=False)

    def load(self, path: str) -> Loaded | Unusable:
        """The file loaded and validated (cached while its size and modification time stay the same)."""
        real = self._real(path)
        stamp = _stamp_of(path)
        with self._lock:
            cached = self._loaded.get(real)
            if cached is not None and (cached[1] == stamp or stamp is None and isinstance(cached[0], Loaded)):
                self._loaded.move_to_end(real)
                return cached[0]
        value = self._read(self.name(path))  # outside the lock: other files are checked meanwhile
        with self._lock:
            current = self._loaded.get(real)
            if current is not cached and current is not None:
                # remembered meanwhile (an editor buffer just checked in another thread): that reading wins
                return current[0]
            self._put(real, value, stamp)
        return value

    def _read(self, path: str) -> Loaded | Unusable:
        # Imported when a related file is first read: a run without one does not pay for them.
        from budgetlint.encoding import decode_bytes
        from budgetlint.loader.json_reader import load_json
        from budgetlint.loader.yaml_reader import load_yaml
        from budgetlint.model import build
        from budgetlint.profile import ProfileError, load_profile
        from budgetlint.schema import validate

        max_bytes, max_depth, profile_dirs = 10 * 1024 * 1024, 64, ()
        if self._config_for is not None:
            config = self._config_for(path)
            max_bytes, max_depth, profile_dirs = config.max_bytes, config.max_depth, config.profile_dirs
        try:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            return Unusable(path, f"无法读取：{error.strerror or error}")
        if len(data) > max_bytes:
            return Unusable(path, "文件大小超过上限")
        text, _problem = decode_bytes(data)
        if text is None:
            return Unusable(path, "编码无法识别")
        # The full reader (libyaml), as the language server reads: a related file is read only now and then.
        loaded = load_json(text, max_depth) if path.lower().endswith(".json") else load_yaml(text, max_depth)
        document = loaded.document
        if loaded.problems or document is None or not isinstance(document.data, dict):
            return Unusable(path, "无法读取为一份公开文件（BL001）")
        if next(iter(validate(document.data, document.smap)), None) is not None:
            return Unusable(path, "不符合格式 v1（BL002）")
        try:
            profile = load_profile(str(document.data["规范"]), profile_dirs)
        except ProfileError:
            return Unusable(path, "地区规范无法加载（BL002）")
        identity = identity_of(document.data)
        if identity is None:
            return Unusable(path, "没有声明部门、年度和类型")
        return Loaded(build(document.data, path, profile), document.smap, identity)

    def counterpart(self, doc: Disclosure, identity: Identity) -> Loaded | Unusable | None:
        """The one file (other than ``doc``'s) that claims ``identity`` and really does once loaded.

        None when there is none, or several (ambiguous: BL801 reports that on each of them).
        """
        others = self.others(doc.file, identity)
        if len(others) != 1:
            return None
        loaded = self.load(others[0])
        if isinstance(loaded, Loaded) and loaded.identity != identity:
            return None  # the scan was wrong about this file (the loaded data decides)
        return loaded

    def smap_of(self, file: str) -> SourceMap | None:
        """The source map of a loaded related file (the engine locates related locations with it)."""
        with self._lock:
            cached = self._loaded.get(self._real(file))
        return cached[0].smap if cached is not None and isinstance(cached[0], Loaded) else None


# -- the active repository of this run ---------------------------------------------------------

# A context variable, not a plain global: the language server lints files of different projects in
# worker threads at once (each thread has its own context); forked CLI workers inherit the value.
_active: ContextVar[Repository | None] = ContextVar("budgetlint_repository", default=None)


def active() -> Repository | None:
    return _active.get()


@contextmanager
def activated(repository: Repository | None) -> Iterator[Repository | None]:
    """Make ``repository`` the one rules see, restoring the previous one after."""
    token = _active.set(repository)
    try:
        yield repository
    finally:
        _active.reset(token)


def remember(file: str, doc: Disclosure, smap: SourceMap) -> None:
    """The engine's hook after building a model: hand it to the active repository, if any."""
    repository = _active.get()
    if repository is not None:
        repository.remember(file, doc, smap)


# -- what the cross-file rules ask for -----------------------------------------------------------

def own_identity(doc: Disclosure) -> Identity | None:
    return doc.cached(("repository identity",), lambda: identity_of(doc.data))


def related(doc: Disclosure, **changes: Any) -> Loaded | None:
    """The usable counterpart of ``doc`` whose identity differs by ``changes`` (year=…, kind=…, unit=…)."""
    repository, identity = _active.get(), own_identity(doc)
    if repository is None or identity is None:
        return None
    found = repository.counterpart(doc, identity.with_(**changes))
    return found if isinstance(found, Loaded) else None


def wanted(identity: Identity) -> Sequence[Identity]:
    """The identities a file of ``identity`` is checked against (BL801 says when one is unusable)."""
    out = [identity.with_(year=identity.year - 1, kind="预算"), identity.with_(year=identity.year - 1, kind="决算")]
    if identity.kind == "决算":
        out.append(identity.with_(kind="预算"))
    if identity.unit:
        out.append(identity.with_(unit=""))
    return out


def for_run(files: Sequence[str], found: Sequence[str], config_for: Callable[[str], ReadConfig]) -> Repository:
    """The index of one run: the checked files first (their names win), then ``found`` — every disclosure
    the caller discovered under the configured roots — named relative to the working directory when they are
    under it, as the checked paths usually are."""
    here = os.getcwd()
    named = [os.path.relpath(p) if os.path.isabs(p) and p.startswith(here + os.sep) else p for p in found]
    return Repository([*files, *named], config_for)


_editor: dict[tuple[str, ...], Repository] = {}
_editor_lock = threading.Lock()


def for_editor(roots: Sequence[Any], config_for: Callable[[str], ReadConfig],
               discover: Callable[[Sequence[str]], Sequence[str]]) -> Repository:
    """The language server's repository for a set of roots: indexed at the first check, then kept (open
    buffers are remembered as they are checked, so a related document shows its unsaved text)."""
    key = tuple(sorted(os.path.realpath(str(r)) for r in roots))
    with _editor_lock:
        found = _editor.get(key)
        if found is None:
            found = _editor[key] = for_run([], discover(key), config_for)
        return found


def closed(path: str) -> None:
    """An editor closed ``path`` without saving, maybe: every editor repository reads it from disk again."""
    with _editor_lock:
        repositories = list(_editor.values())
    for repository in repositories:
        repository.forget(path)
