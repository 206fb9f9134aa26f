"""Where templates run: Jinja's immutable sandbox and a loader confined to the themes.

Every template, built-in or from a theme folder, is rendered in an
`ImmutableSandboxedEnvironment`: no attribute of Python's internals (`__class__`,
`__globals__`, `_TemplateReference__context`, …), no unsafe callables, no changing
of the values a template receives, and no `*`/`**` that would fill the memory.
`include`, `import` and `extends` reach only the theme folders (the user's first,
then the built-in theme), through `ThemeLoader`: a name that leaves them (`/etc/passwd`,
`../x`) is not found, and a template that is a symlink to a file outside its folder is
refused with the file named.

`check_templates` goes through every template `report.html` reaches before anything is
read or written, so most mistakes (a syntax error, an unsafe attribute, an include of a
file that does not exist) are reported with file and line before the build starts; the
sandbox stops whatever is only known while rendering.
"""

from __future__ import annotations

import hashlib
import re
import signal
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePath
from types import ModuleType
from typing import Any

from jinja2 import BaseLoader, BytecodeCache, Template, TemplateError, TemplateNotFound, TemplateSyntaxError, nodes
from jinja2.bccache import Bucket
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ..theme_files import ThemeError, find, read_text

ROOT_TEMPLATE = "report.html"
MAX_REPEAT = 1_000_000  # the longest text or list `*` may make
MAX_EXPONENT = 256


class ThemeLoader(BaseLoader):
    """Templates from the theme folders in order; never a file outside them."""

    def __init__(self, folders: Sequence[Path]):
        self.folders = list(folders)

    def get_source(self, environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        found = find(template, self.folders)
        if found is None:
            raise TemplateNotFound(template)
        named, resolved = found
        return read_text(named, resolved), str(named), lambda: True


# Whose attributes a template may read: the document model and what via-reports
# prepares for it, plain values, and Jinja's own helpers (loop, macros, cycler). Not a
# file path (it has read_text and write_text) or any other object of the machine.
_READABLE_MODULES = (
    "builtins",
    "datetime",
    "enum",
    "markupsafe",
    "jinja2.environment",
    "jinja2.runtime",
    "jinja2.utils",
)


def _readable(obj: Any) -> bool:
    module = type(obj).__module__ or ""
    return module in _READABLE_MODULES or module == "via_reports" or module.startswith("via_reports.")


class ThemeEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with attributes read only from the report's own values and `*` and
    `**` kept to sizes a report can use."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._answers: dict[tuple[type, str, bool], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Asked for every attribute a template reads (tens of thousands in a report).
        What decides, here and in Jinja's sandbox, is the type of `obj`, the name, and
        whether `value` is a path: each such question is answered once in this
        environment (a build makes one), which halves the time of the templates."""
        key = (type(obj), attr, isinstance(value, PurePath))
        known = self._answers.get(key)
        if known is None:
            known = self._answers[key] = self._safe_attribute(obj, attr, value)
        return known

    def _safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, (PurePath, ModuleType, type)) or isinstance(value, PurePath) or not _readable(obj):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"the power {right} is too large")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > MAX_REPEAT:
                    raise SecurityError(f"repeating a value {count} times makes it too long")
        return super().call_binop(context, operator, left, right)


# --- before rendering: every template report.html reaches ------------------------


class CompiledTemplates(BytecodeCache):
    """The compiled code of the templates, kept in memory for the rendering after
    `check_templates` (which compiles every template first) and for the next build in
    the same process (`serve`, `--watch`, a batch): Jinja stores it by template name and
    file and uses it only for the same source (its checksum). Only code compiled by
    a ThemeEnvironment is kept or given out: the sandbox is in the compiled code (its
    calls and operators go through the environment), so code of another environment
    must never reach a theme's template."""

    LIMIT = 256  # templates

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.code.get(bucket.key) if isinstance(bucket.environment, ThemeEnvironment) else None
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not isinstance(bucket.environment, ThemeEnvironment):
            return
        if len(self.code) >= self.LIMIT:
            self.code.clear()
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()

# A template checked before in this process, by file and source: the templates it names.
_CHECKED: dict[tuple[str, str], tuple[tuple[int, str, bool], ...]] = {}


def check_templates(env: ThemeEnvironment) -> None:
    """Compile every template reachable from report.html by a fixed name and look for
    what the sandbox would refuse; raises ThemeError with file and line. A template
    whose file and source passed before in this process is not compiled again; what
    it names is looked for again."""
    todo, seen = [ROOT_TEMPLATE], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        checked = (filename, hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest())
        references = _CHECKED.get(checked)
        if references is None:
            references = _checked(env, source, name, filename)
            if len(_CHECKED) >= CompiledTemplates.LIMIT:
                _CHECKED.clear()
            _CHECKED[checked] = references
        for line, target, ignore_missing in references:
            try:
                env.loader.get_source(env, target)  # type: ignore[union-attr]
            except TemplateNotFound:
                if ignore_missing:
                    continue
                raise ThemeError(filename, line, "theme_template_missing", name=target) from None
            todo.append(target)


def _checked(env: ThemeEnvironment, source: str, name: str, filename: str) -> tuple[tuple[int, str, bool], ...]:
    """One template compiled and looked through: the templates it names."""
    try:
        tree = env.parse(source, name, filename)
        code = env.compile(tree, name, filename)
    except TemplateSyntaxError as exc:
        raise ThemeError(exc.filename or filename, exc.lineno, "theme_template", detail=exc.message) from None
    except RecursionError:
        raise ThemeError(filename, None, "theme_too_deep") from None
    for line, what in _unsafe(tree):
        raise ThemeError(filename, line, "theme_unsafe", detail=_dutch(what), detail_en=what)
    if env.bytecode_cache is not None:  # the build renders it next: compiled once
        bucket = env.bytecode_cache.get_bucket(env, name, filename, source)
        bucket.code = code
        env.bytecode_cache.set_bucket(bucket)
    return tuple(_references(tree))


def _unsafe(tree: nodes.Template) -> Iterator[tuple[int, str]]:
    """Attributes of Python's internals named in the template: `x.__class__`,
    `x['_private']`, `x|attr('__globals__')`."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        name = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value
        elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args:
            arg = node.args[0]
            name = arg.value if isinstance(arg, nodes.Const) else None
        if isinstance(name, str) and name.startswith("_"):
            yield node.lineno, f"access to attribute {name!r} is unsafe"


def _references(tree: nodes.Template) -> Iterator[tuple[int, str, bool]]:
    """(line, name, ignore missing) of every include/import/extends with a fixed name."""
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = node.template
        names = target.items if isinstance(target, (nodes.List, nodes.Tuple)) else [target]
        for item in names:
            if isinstance(item, nodes.Const) and isinstance(item.value, str):
                yield node.lineno, item.value, getattr(node, "ignore_missing", False) or len(names) > 1


# --- while rendering --------------------------------------------------------------

# The built-in report takes half a second at 2,000 policies and makes about 4,200
# characters in 40 pieces a policy; the largest workbook read (50,000 rows) would make
# about 210 million characters in 2 million pieces.
RENDER_SECONDS = 120.0
MAX_OUTPUT = 400_000_000  # characters
MAX_PIECES = 10_000_000


class TemplateTooSlow(Exception):
    """Raised (by a timer) inside a template that does not finish."""


class TemplateTooLarge(Exception):
    """Raised inside a template whose output would fill the memory."""


def render(template: Template, **context: Any) -> str:
    """`template` rendered with `context`, within RENDER_SECONDS and MAX_OUTPUT: a
    loop without end or an output that fills the memory is stopped with a sentence."""
    parts: list[str] = []
    size = 0
    try:
        with _time_limit(RENDER_SECONDS):
            pieces = template.generate(**context)
            for part in pieces:
                size += len(part)
                parts.append(part)
                if size > MAX_OUTPUT or len(parts) > MAX_PIECES:
                    pieces.throw(TemplateTooLarge())  # raised where the template is
    except ThemeError:
        raise
    except Exception as exc:  # a template's own failure (or a sandbox refusal), located
        raise render_error(exc) from None
    return "".join(parts)


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """A timer that interrupts the template where it is (so the error names its line).
    Signals reach the main thread only; elsewhere the output limit still holds."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise TemplateTooSlow()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_ATTRIBUTE = re.compile(r"attribute '([^']+)'")


def _dutch(detail: str) -> str:
    """Jinja's English security message, said in Dutch where we can."""
    match = _ATTRIBUTE.search(detail)
    if match:
        return f"toegang tot '{match.group(1)}' (iets buiten de gegevens van het overzicht)"
    if "too large" in detail or "too long" in detail:
        return "een waarde die te groot wordt"
    return detail


def render_error(exc: BaseException) -> ThemeError:
    """Any failure of a template while rendering, located at the innermost template line."""
    frames = [
        (f.filename, f.lineno)
        for f in traceback.extract_tb(exc.__traceback__)
        if f.filename.endswith((".html", ".htm", ".css"))
    ]
    place: tuple[str, int | None] = frames[-1] if frames else (ROOT_TEMPLATE, None)
    if isinstance(exc, RecursionError) and frames:
        place = Counter(frames).most_common(1)[0][0]  # the line that calls itself
    if isinstance(exc, TemplateSyntaxError):
        return ThemeError(exc.filename or exc.name or place[0], exc.lineno, "theme_template", detail=exc.message)
    if isinstance(exc, SecurityError):
        return ThemeError(*place, "theme_unsafe", detail=_dutch(str(exc)), detail_en=str(exc))
    if isinstance(exc, RecursionError):
        return ThemeError(*place, "theme_recursion")
    if isinstance(exc, TemplateTooSlow):
        return ThemeError(*place, "theme_too_slow", seconds=f"{RENDER_SECONDS:g}")
    if isinstance(exc, TemplateTooLarge):
        return ThemeError(*place, "theme_too_large", limit=f"{MAX_OUTPUT / 1_000_000:g}")
    if isinstance(exc, TemplateNotFound):
        return ThemeError(*place, "theme_template_missing", name=exc.name)
    if isinstance(exc, TemplateError):
        return ThemeError(*place, "theme_template", detail=f"{type(exc).__name__}: {exc}")
    return ThemeError(*place, "theme_template", detail=f"{type(exc).__name__}: {exc}"[:300])
