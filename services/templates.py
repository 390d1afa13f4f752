"""Reply templates: stored in the database, rendered in a sandbox, never sent half-filled.

A template has a name, a language (zh-HK / en), a subject, a plain-text body and an
optional HTML body, all Jinja2. They are rendered by an immutable sandboxed environment:

- Templates get plain values only (dicts, lists, strings, numbers), never database
  objects, and cannot modify them (a template given an ORM row could call
  ``contact.sqlmodel_update({...})`` and change it; FIELD-NOTES.md).
- A field with no value (missing, None or empty) is an error naming the field, the
  template and the line: a reply with a blank where a name should be is never produced.
  Templates test optional fields with ``{% if inquiry.deadline is defined %}`` or give a
  fallback with ``| default(...)``.
- Only the HTML body is autoescaped.
- Size limits: a template part may be at most 50 KB and its output 200 KB. Jinja's
  sandbox does not stop ``'a' * 50_000_000``, so repetition, concatenation, formatting,
  the string methods and the filters that can amplify text are checked before they run,
  and a render that loops too long is stopped.
- Dates: the ``date`` and ``datetime`` filters and ``today`` are written in the template's
  language (2023年12月1日 / 1 December 2023).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from types import FrameType, GeneratorType, TracebackType
from typing import Any

import jinja2
import jinja2.filters
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Cycler, Joiner, Namespace, missing
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from db.engine import Database
from db.models import AppMeta, EmailTemplate, InquiryStatus, Language, SentEmail, utc_now
from services.mail import check_header_text
from services.paths import RESOURCES
from services.problems import InputRejected, Problem, Severity

MAX_TEMPLATE_BYTES = 50 * 1024
MAX_OUTPUT_BYTES = 200 * 1024
MAX_SEQUENCE_ITEMS = 10_000
MAX_RANGE_ITEMS = 1_000
MAX_INT_BITS = 4096
MAX_FORMAT_WIDTH = 999
MAX_RENDER_STEPS = 1_000_000
MAX_RENDER_SECONDS = 5.0

DEFAULT_TEMPLATES_DIR = RESOURCES / "templates"
DEFAULT_TEMPLATE_NAMES: tuple[str, ...] = (
    "acknowledgement",
    "answer",
    "interview_request",
    "decline",
    "follow_up",
)
TEMPLATE_LABELS: dict[str, dict[str, str]] = {
    "acknowledgement": {"zh-HK": "確認收到查詢", "en": "Acknowledgement"},
    "answer": {"zh-HK": "回覆查詢（附新聞稿資料）", "en": "Answer with release facts"},
    "interview_request": {"zh-HK": "訪問邀請（轉交發言人）", "en": "Interview request"},
    "decline": {"zh-HK": "婉拒／不作評論", "en": "Decline / no comment"},
    "follow_up": {"zh-HK": "跟進", "en": "Follow-up"},
}
# What an inquiry's status should become after each default template is sent; the GUI
# preselects it, the officer decides. Any other template answers the inquiry.
SUGGESTED_STATUS: dict[str, str] = {
    "acknowledgement": InquiryStatus.IN_PROGRESS,
    "decline": InquiryStatus.DECLINED,
}
LANGUAGE_NAMES: dict[str, str] = {"zh-HK": "中文", "en": "English"}
_SEEDED_KEY = "default_templates_seeded"
_PARTS = {"subject": "subject", "body_text": "body", "body_html": "HTML body"}
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# --- errors ------------------------------------------------------------------------------


class TemplateError(InputRejected):
    """A template that cannot be saved or rendered, with a message for the officer.

    Attributes:
        template: the template's name.
        language: its language.
        part: "subject", "body" or "HTML body", when known.
        line: the line of that part, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        template: str | None = None,
        language: str | None = None,
        part: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        where = _where(template, language, part, line)
        problem = Problem(Severity.ERROR, where, field or part or "template", "", message)
        super().__init__(message, [problem])
        self.template = template
        self.language = language
        self.part = part
        self.line = line


class UnfilledFieldError(TemplateError):
    """A template uses a field that has no value for this inquiry.

    Attributes:
        field: the field as the template names it ("release.title_en").
    """

    def __init__(self, message: str, *, field: str, **where: Any) -> None:
        super().__init__(message, field=field, **where)
        self.field = field


class TemplateConflict(InputRejected):
    """A template was changed or deleted by someone else since it was shown."""


def _where(template: str | None, language: str | None, part: str | None, line: int | None) -> str:
    text = f'Template "{template}"' if template else "The template"
    if language:
        text += f" ({LANGUAGE_NAMES.get(language, language)})"
    if part:
        text += f", {part}"
    if line:
        text += f", line {line}"
    return text


# --- plain values a template may see -----------------------------------------------------


class _Fields(dict[str, Any]):
    """A dict that knows where it sits in the context, so a missing field is named fully."""

    __slots__ = ("_path",)
    _path: str


class _Items(list[Any]):
    """A list that knows where it sits in the context."""

    __slots__ = ("_path",)
    _path: str


def _template_value(value: Any, path: str) -> Any:
    """Copy ``value`` into path-aware containers, dropping fields that have no value."""
    if isinstance(value, Mapping):
        fields = _Fields()
        fields._path = path
        for key, item in value.items():
            if item is not None and item != "":
                fields[str(key)] = _template_value(item, f"{path}.{key}")
        return fields
    if isinstance(value, list | tuple):
        items = _Items()
        items._path = path
        items.extend(
            _template_value(item, f"{path}[{index}]")
            for index, item in enumerate(value)
            if item is not None and item != ""
        )
        return items
    if isinstance(value, str | int | float):
        return value
    raise TypeError(f"templates get plain values only; {path} is a {type(value).__name__}")


class _FieldMissing(jinja2.UndefinedError):
    def __init__(self, path: str) -> None:
        super().__init__(f"{path} has no value")
        self.path = path


def _field_path(obj: Any, name: Any) -> str:
    if obj is missing:
        return str(name)
    parent = getattr(obj, "_path", None) if isinstance(obj, _Fields | _Items) else None
    if parent is None:
        return str(name)
    return f"{parent}[{name}]" if isinstance(name, int) else f"{parent}.{name}"


class _MissingField(jinja2.StrictUndefined):
    """StrictUndefined that names the whole field path ("release.title_en")."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError,
    ) -> None:
        # The sandbox reports unsafe attributes through an Undefined with a hint and
        # SecurityError: those keep their own message and exception.
        if exc is jinja2.UndefinedError and hint is None:
            exc = _FieldMissing
        super().__init__(hint, obj, name, exc)

    @property
    def _undefined_message(self) -> str:
        if self._undefined_exception is _FieldMissing:
            return _field_path(self._undefined_obj, self._undefined_name)
        return super()._undefined_message


# --- the sandbox -------------------------------------------------------------------------


class _TooMuch(SecurityError):
    """A template that would produce or compute far more than any reply needs."""


def _limit_for(value: Any) -> int:
    return MAX_OUTPUT_BYTES if isinstance(value, str) else MAX_SEQUENCE_ITEMS


def _check_size(size: int, value: Any) -> None:
    limit = _limit_for(value)
    if size > limit:
        unit = "characters" if isinstance(value, str) else "items"
        raise _TooMuch(f"the result would have {size:,} {unit}; at most {limit:,} are allowed")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    numbers = (int, float)
    if operator == "**":
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and (right > 64 or left.bit_length() * max(right, 0) > MAX_INT_BITS)
        ):
            raise _TooMuch("the power is too large a number")
    elif operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise _TooMuch("the product is too large a number")
            return
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and isinstance(count, int):
                _check_size(len(sequence) * max(count, 0), sequence)
    elif operator == "+":
        if isinstance(left, str | list | tuple) and not isinstance(right, numbers):
            _check_size(len(left) + len(right), left)
    elif operator == "%" and isinstance(left, str):
        _check_percent_format(left, right)


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_FIELD = re.compile(r"\{([^{}]*)\}")
_NUMBER = re.compile(r"\d+")


def _longest(values: Iterable[Any]) -> int:
    return max((len(str(v)) for v in values), default=0)


def _check_widths(numbers: Iterable[str | None]) -> None:
    for number in numbers:
        if number == "*":
            raise _TooMuch("a width taken from an argument ('*') is not allowed in a template")
        if number and int(number) > MAX_FORMAT_WIDTH:
            raise _TooMuch(f"a width or precision of {number} is not allowed (at most 999)")


def _check_percent_format(text: str, args: Any) -> None:
    specs = list(_PERCENT_SPEC.finditer(text))
    for spec in specs:
        _check_widths(spec.groups())
    values = (
        args.values() if isinstance(args, Mapping) else args if isinstance(args, tuple) else (args,)
    )
    _check_size(len(text) + len(specs) * _longest(values), text)


def _check_brace_format(text: str, args: Iterable[Any]) -> None:
    fields = _BRACE_FIELD.findall(text)
    for spec in fields:
        if "{" in spec:
            raise _TooMuch("a width taken from an argument is not allowed in a template")
        _check_widths(_NUMBER.findall(spec.partition(":")[2]))
    _check_size(len(text) + len(fields) * _longest(args), text)


def _check_join(separator: str, items: list[Any]) -> None:
    if len(items) > MAX_SEQUENCE_ITEMS:
        raise _TooMuch(f"joining {len(items):,} items is not allowed")
    _check_size(
        sum(len(str(i)) for i in items) + len(separator) * max(len(items) - 1, 0), separator
    )


def _check_replace(text: str, old: str, new: str, count: int | None) -> None:
    found = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        found = min(found, count)
    _check_size(len(text) + found * (len(new) - len(old)), text)


def _capped_join(parts: Iterable[Any]) -> str:
    """The environment's ``concat``: joins a block's output, refusing runaway sizes."""
    pieces = [p if isinstance(p, str) else str(p) for p in parts]
    _check_size(sum(len(p) for p in pieces), "")
    return "".join(pieces)


def _checked_parts(parts: tuple[Any, ...]) -> tuple[Any, ...]:
    """Before a ``~`` concatenation: the pieces together must fit in a reply."""
    _check_size(sum(len(p) if isinstance(p, str) else len(str(p)) for p in parts), "")
    return parts


def _capped_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE_ITEMS:
        raise _TooMuch(f"range() may give at most {MAX_RANGE_ITEMS:,} numbers in a template")
    return numbers


class _CappedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` so the pieces are measured before they are joined."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's name
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"{join}(environment.checked_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


# Methods a template may call on plain values: reading ones, none that grow text much
# (center, ljust, zfill, expandtabs are left out; join and replace are measured first).
_STR_METHODS = frozenset(
    {
        "capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha",
        "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "join", "lower",
        "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex",
        "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
        "swapcase", "title", "upper",
    }
)  # fmt: skip
_DICT_METHODS = frozenset({"get", "items", "keys", "values"})
_SEQUENCE_METHODS = frozenset({"count", "index"})
_PLAIN_TYPES = (str, bytes, dict, list, tuple, set, frozenset, int, float)

_KEPT_FILTERS = frozenset(
    {
        "abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "filesizeformat",
        "first", "float", "forceescape", "groupby", "int", "items", "last", "length", "list",
        "lower", "map", "max", "min", "reject", "rejectattr", "reverse", "round", "safe",
        "select", "selectattr", "sort", "string", "striptags", "title", "trim", "truncate",
        "unique", "upper", "urlencode", "wordcount",
    }
)  # fmt: skip


def _parse_moment(value: Any) -> datetime | date:
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, str):
        try:
            if len(value.strip()) == 10:
                return date.fromisoformat(value.strip())
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date (expected e.g. 2023-12-01)")


def format_date(value: Any, language: str) -> str:
    """A date (or ISO text) as a reader of ``language`` writes it: 2023年12月1日 / 1 December 2023.

    A time with a zone is first converted to this computer's local time.
    """
    moment = _parse_moment(value)
    if isinstance(moment, datetime):
        moment = (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment).astimezone()
        moment = moment.date()
    if language == Language.ZH_HK:
        return f"{moment.year}年{moment.month}月{moment.day}日"
    return f"{moment.day} {_MONTHS_EN[moment.month - 1]} {moment.year}"


def format_datetime(value: Any, language: str) -> str:
    """A time in local time: 2023年12月1日下午5時30分 / 1 December 2023, 5:30 pm."""
    moment = _parse_moment(value)
    if not isinstance(moment, datetime):
        return format_date(moment, language)
    local = (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment).astimezone()
    day = format_date(local.date(), language)
    hour = local.hour % 12 or 12
    if language == Language.ZH_HK:
        period = "上午" if local.hour < 12 else "中午" if local.hour == 12 else "下午"
        minutes = f"{local.minute}分" if local.minute else ""
        return f"{day}{period}{hour}時{minutes}"
    return f"{day}, {hour}:{local.minute:02d} {'am' if local.hour < 12 else 'pm'}"


def join_names(values: Iterable[Any], language: str) -> str:
    """Names as a list in a sentence: 甲、乙及丙 / A, B and C."""
    names = [str(v) for v in values if v is not None and v != ""]
    if len(names) <= 1:
        return "".join(names)
    if language == Language.ZH_HK:
        return "、".join(names[:-1]) + "及" + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _refuse_containers(value: Any) -> Any:
    """``finalize``: printing a whole record or list shows Python's notation, never wanted."""
    if isinstance(value, Mapping | list | tuple | GeneratorType):
        kind = "record" if isinstance(value, Mapping) else "list"
        raise _WholeValue(
            f"a {kind} is printed whole; print one of its fields, or loop over it "
            "(or use |join / |and_list)"
        )
    return value


class _WholeValue(jinja2.TemplateRuntimeError):
    pass


class _ReplySandbox(ImmutableSandboxedEnvironment):
    """The sandbox every reply template is rendered in (one per language and part)."""

    code_generator_class = _CappedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, language: str, *, html: bool) -> None:
        super().__init__(
            autoescape=html,
            undefined=_MissingField,
            finalize=_refuse_containers,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self.concat = _capped_join  # type: ignore[method-assign]
        self.globals = {
            "range": _capped_range,
            "dict": dict,
            "namespace": Namespace,
            "cycler": Cycler,
            "joiner": Joiner,
        }
        self.filters = {k: v for k, v in self.filters.items() if k in _KEPT_FILTERS}
        self.filters.update(
            {
                "date": lambda value: format_date(value, language),
                "datetime": lambda value: format_datetime(value, language),
                "and_list": lambda values: join_names(values, language),
                "join": _join_filter,
                "replace": _replace_filter,
                "format": _format_filter,
                "indent": _indent_filter,
                "wordwrap": _wordwrap_filter,
                "sum": _sum_filter,
            }
        )

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        """Refuse a private or modifying attribute, naming it as the officer knows it."""
        kind = (
            "record"
            if isinstance(obj, Mapping)
            else "list"
            if isinstance(obj, list)
            else type(obj).__name__
        )
        return self.undefined(
            f"{attribute!r} of a {kind} may not be used in a template",
            name=attribute,
            obj=obj,
            exc=SecurityError,
        )

    def checked_parts(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """Called by compiled ``~`` expressions (see :class:`_CappedCodeGenerator`)."""
        return _checked_parts(parts)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Measure ``*``, ``**``, ``+`` and ``%`` before computing them."""
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``"...".format(...)`` stays sandboxed and is measured first."""
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        text = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            if args and isinstance(args[0], Mapping) and not kwargs:
                _check_brace_format(text, [*args[0].values()])
            else:
                _check_brace_format(text, [*args, *kwargs.values()])
            return wrapper(*args, **kwargs)

        return checked

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        """Calls on plain values are limited to reading methods; growing ones are measured."""
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, _PLAIN_TYPES):
            name = getattr(__obj, "__name__", "")
            if isinstance(owner, str):
                allowed = _STR_METHODS
            elif isinstance(owner, dict):
                allowed = _DICT_METHODS
            elif isinstance(owner, list | tuple):
                allowed = _SEQUENCE_METHODS
            else:
                allowed = frozenset()
            if name not in allowed:
                kind = "record" if isinstance(owner, dict) else type(owner).__name__
                raise SecurityError(f"calling {name}() on a {kind} is not allowed in a template")
            if isinstance(owner, str) and name == "join" and args:
                items = list(args[0])
                _check_join(owner, items)
                args = (items, *args[1:])
            elif isinstance(owner, str) and name == "replace" and len(args) >= 2:
                _check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else None)
        return super().call(__context, __obj, *args, **kwargs)


@jinja2.pass_eval_context
def _join_filter(
    eval_ctx: EvalContext, value: Iterable[Any], d: str = "", attribute: Any = None
) -> str:
    items = list(value)
    if attribute is not None:
        getter = jinja2.filters.make_attrgetter(eval_ctx.environment, attribute)
        items = [getter(item) for item in items]
    _check_join(d, items)
    return jinja2.filters.sync_do_join(eval_ctx, items, d)


@jinja2.pass_eval_context
def _replace_filter(
    eval_ctx: EvalContext, s: str, old: str, new: str, count: int | None = None
) -> str:
    _check_replace(str(s), str(old), str(new), count)
    return jinja2.filters.do_replace(eval_ctx, s, old, new, count)


def _format_filter(value: str, *args: Any, **kwargs: Any) -> str:
    _check_percent_format(str(value), kwargs or args)
    return jinja2.filters.do_format(value, *args, **kwargs)


def _indent_filter(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    if (len(width) if isinstance(width, str) else width) > 16:
        raise _TooMuch("indent() may indent by at most 16 characters")
    return jinja2.filters.do_indent(s, width, first, blank)


@jinja2.pass_environment
def _wordwrap_filter(  # noqa: PLR0917 - Jinja's own signature for this filter
    environment: jinja2.Environment,
    s: str,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: str | None = None,
    break_on_hyphens: bool = True,
) -> str:
    if width < 10 or (wrapstring is not None and len(wrapstring) > 4):
        raise _TooMuch("wordwrap() needs a width of at least 10 and a short wrapstring")
    return jinja2.filters.do_wordwrap(
        environment, s, width, break_long_words, wrapstring, break_on_hyphens
    )


@jinja2.pass_environment
def _sum_filter(
    environment: jinja2.Environment, iterable: Iterable[Any], attribute: Any = None, start: Any = 0
) -> Any:
    items = list(iterable)
    if attribute is not None:
        getter = jinja2.filters.make_attrgetter(environment, attribute)
        items = [getter(item) for item in items]
    if not all(isinstance(i, int | float) for i in [*items, start]):
        raise SecurityError("sum() adds numbers only in a template")
    total = start
    for item in items:
        total += item
    return total


@lru_cache(maxsize=8)
def _environment(language: str, html: bool) -> _ReplySandbox:
    return _ReplySandbox(language, html=html)


@lru_cache(maxsize=256)
def _compiled(language: str, html: bool, source: str) -> jinja2.Template:
    return _environment(language, html).from_string(source)


class _RenderBudget:
    """Stops a template that loops far longer than any reply needs.

    A trace function counts the lines run inside compiled template code only (other
    frames are not traced), and raises when the count or the time runs out. The
    previous trace function (a debugger, coverage) is restored afterwards.
    """

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = 0.0
        self.previous: Any = None

    def __enter__(self) -> _RenderBudget:
        self.previous = sys.gettrace()
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS
        sys.settrace(self._on_call)
        return self

    def __exit__(self, *exc: object) -> None:
        sys.settrace(self.previous)

    def _on_call(self, frame: FrameType, event: str, arg: Any) -> Any:
        return self._on_line if "__jinja_template__" in frame.f_globals else None

    def _on_line(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.steps += 1
            if self.steps > MAX_RENDER_STEPS or (
                self.steps % 1000 == 0 and time.monotonic() > self.deadline
            ):
                raise _TooMuch("the template runs too long (a loop too large?)")
        return self._on_line


def _template_line(exc: BaseException) -> int | None:
    """The template line where ``exc`` happened (Jinja rewrites tracebacks to them)."""
    line = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in ("<template>", "<unknown>"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


@dataclass(frozen=True, slots=True)
class RenderedTemplate:
    """A template's output: exactly what the reply will say."""

    subject: str
    body_text: str
    body_html: str | None


def check_template_part(source: str, *, template: str, language: str, part: str) -> None:
    """Refuse a template part that is too large or not valid Jinja (naming the line).

    Raises:
        TemplateError: the message says which template, which part and which line.
    """
    where: dict[str, Any] = {"template": template, "language": language, "part": part}
    size = len(source.encode("utf-8"))
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            f"{_where(template, language, part, None)} is {size / 1024:.0f} KB; "
            f"a template part may be at most {MAX_TEMPLATE_BYTES // 1024} KB.",
            **where,
        )
    try:
        _compiled(language, part == _PARTS["body_html"], source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{_where(template, language, part, exc.lineno)} has a syntax error: {(exc.message or 'invalid syntax').rstrip('.')}.",
            line=exc.lineno,
            **where,
        ) from exc


def _render_part(
    source: str, values: Mapping[str, Any], *, template: str, language: str, part: str
) -> str:
    check_template_part(source, template=template, language=language, part=part)
    compiled = _compiled(language, part == _PARTS["body_html"], source)
    where: dict[str, Any] = {"template": template, "language": language, "part": part}
    pieces: list[str] = []
    size = 0
    try:
        with _RenderBudget():
            for piece in compiled.generate(values):
                size += len(piece)
                if size > MAX_OUTPUT_BYTES:
                    raise _TooMuch(f"the output is longer than {MAX_OUTPUT_BYTES // 1024} KB")
                pieces.append(piece)
    except _FieldMissing as exc:
        line = _template_line(exc)
        raise UnfilledFieldError(
            f"{_where(template, language, part, line)}: the field {exc.path} has no value "
            "for this inquiry, so the reply cannot be written. Fill it in (in the roster or "
            "the inquiry), choose another template, or edit the template.",
            field=exc.path,
            line=line,
            **where,
        ) from exc
    except SecurityError as exc:
        line = _template_line(exc)
        raise TemplateError(
            f"{_where(template, language, part, line)} does something templates may not: {str(exc).rstrip('.')}.",
            line=line,
            **where,
        ) from exc
    except (
        jinja2.TemplateError,
        TypeError,
        ValueError,
        ArithmeticError,
        LookupError,
        AttributeError,
        RecursionError,
    ) as exc:
        line = _template_line(exc)
        raise TemplateError(
            f"{_where(template, language, part, line)} cannot be rendered: {str(exc).rstrip('.')}.",
            line=line,
            **where,
        ) from exc
    text = "".join(pieces)
    if len(text.encode("utf-8")) > MAX_OUTPUT_BYTES:
        raise TemplateError(
            f"{_where(template, language, part, None)}: the output is longer than "
            f"{MAX_OUTPUT_BYTES // 1024} KB.",
            **where,
        )
    return text


_BLANK_RUN = re.compile(r"\n{3,}")


def _tidy_body(text: str) -> str:
    # Optional paragraphs leave blank lines behind; one blank line between paragraphs,
    # no trailing spaces, one final newline.
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def render_template(template: Mapping[str, Any], context: Mapping[str, Any]) -> RenderedTemplate:
    """Render a template's subject and bodies with ``context`` (plain values only).

    Args:
        template: ``name``, ``language``, ``subject``, ``body_text`` and optionally
            ``body_html`` (a stored template's dict, or an unsaved one being edited).
        context: plain dicts, lists, strings and numbers. None and "" count as no value.

    Raises:
        UnfilledFieldError: a field has no value (names the field, template, part, line).
        TemplateError: a syntax error, a size limit, or something the sandbox refuses.
        TypeError: ``context`` holds something other than plain values (a bug).
    """
    name = str(template.get("name") or "(unsaved)")
    language = str(template.get("language") or Language.ZH_HK)
    values = {
        key: _template_value(value, key)
        for key, value in context.items()
        if value is not None and value != ""
    }
    kw: dict[str, Any] = {"template": name, "language": language}
    subject = _render_part(str(template.get("subject") or ""), values, part="subject", **kw)
    body = _render_part(str(template.get("body_text") or ""), values, part="body", **kw)
    html_source = template.get("body_html")
    html = _render_part(str(html_source), values, part="HTML body", **kw) if html_source else None
    # A subject is one header line: whitespace runs (a line break left by a block tag or
    # held in a field) become one space, so nothing can start a new header.
    subject = " ".join(subject.split())
    if not subject:
        raise TemplateError(f"{_where(name, language, 'subject', None)} renders empty.", **kw)
    return RenderedTemplate(subject=subject, body_text=_tidy_body(body), body_html=html)


# --- storage -----------------------------------------------------------------------------


class TemplateInput(BaseModel):
    """A template as the editor (or the defaults folder) gives it."""

    model_config = ConfigDict(extra="ignore")

    name: str = Field(min_length=1, max_length=100)
    language: Language
    subject: str = Field(min_length=1, max_length=500)
    body_text: str = Field(min_length=1)
    body_html: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("give the template a name")
        try:
            return check_header_text(value, "template name")
        except InputRejected as exc:
            raise ValueError(exc.message) from exc

    @field_validator("body_html")
    @classmethod
    def _html(cls, value: str | None) -> str | None:
        return value if value and value.strip() else None


def _checked_input(data: TemplateInput | Mapping[str, Any]) -> TemplateInput:
    from services.inquiries import validation_problems  # noqa: PLC0415 - avoids an import cycle at load

    try:
        checked = TemplateInput.model_validate(
            data.model_dump() if isinstance(data, TemplateInput) else dict(data)
        )
    except ValidationError as exc:
        problems = validation_problems(exc, "template")
        raise InputRejected(
            "The template was not saved: " + "; ".join(f"{p.field}: {p.message}" for p in problems),
            problems,
        ) from exc
    for key, part in _PARTS.items():
        source = getattr(checked, key)
        if source is not None:
            check_template_part(source, template=checked.name, language=checked.language, part=part)
    return checked


def template_dict(template: EmailTemplate) -> dict[str, Any]:
    """The plain view of a stored template."""
    shipped = _shipped_defaults().get((template.name, template.language))
    return {
        "id": template.id,
        "name": template.name,
        "label": TEMPLATE_LABELS.get(template.name, {}).get(template.language, template.name),
        "language": template.language,
        "subject": template.subject,
        "body_text": template.body_text,
        "body_html": template.body_html,
        "is_default": template.is_default,
        "is_modified": shipped is not None
        and (shipped.subject, shipped.body_text, shipped.body_html)
        != (template.subject, template.body_text, template.body_html),
        "suggested_status": str(SUGGESTED_STATUS.get(template.name, InquiryStatus.ANSWERED)),
        "version": template.version,
        "updated_at": template.updated_at.isoformat() if template.updated_at else None,
    }


def _order_key(template: EmailTemplate) -> tuple[int, str, str]:
    rank = (
        DEFAULT_TEMPLATE_NAMES.index(template.name)
        if template.name in DEFAULT_TEMPLATE_NAMES
        else len(DEFAULT_TEMPLATE_NAMES)
    )
    return rank, template.name.casefold(), template.language


def list_templates(database: Database, *, language: str | None = None) -> list[dict[str, Any]]:
    """Every template (defaults in their usual order, then the officer's own by name)."""
    statement = select(EmailTemplate)
    if language is not None:
        statement = statement.where(col(EmailTemplate.language) == language)
    with database.session(write=False) as session:
        rows = sorted(session.scalars(statement), key=_order_key)
        return [template_dict(t) for t in rows]


def _no_template(template_id: int) -> InputRejected:
    return InputRejected(
        f"There is no template {template_id}; a colleague may have deleted it. "
        "List the templates with `pressdesk templates`."
    )


def get_template(database: Database, template_id: int) -> dict[str, Any]:
    """One template by id.

    Raises:
        InputRejected: there is no such template.
    """
    with database.session(write=False) as session:
        row = session.get(EmailTemplate, template_id)
        if row is None:
            raise _no_template(template_id)
        return template_dict(row)


def find_template(database: Database, name: str, language: str) -> dict[str, Any] | None:
    """The template with this name in this language, or None."""
    with database.session(write=False) as session:
        row = session.scalars(
            select(EmailTemplate).where(
                col(EmailTemplate.name) == name.strip(), col(EmailTemplate.language) == language
            )
        ).first()
        return template_dict(row) if row else None


def _duplicate(name: str, language: str) -> InputRejected:
    return InputRejected(
        f'There is already a template "{name}" in {LANGUAGE_NAMES.get(language, language)}; '
        "choose another name or edit that one."
    )


def create_template(database: Database, data: TemplateInput | Mapping[str, Any]) -> dict[str, Any]:
    """Save a new template.

    Raises:
        InputRejected: a field is invalid, the Jinja has an error (line named), or a
            template with this name and language exists. Nothing was written.
    """
    checked = _checked_input(data)
    try:
        with database.session() as session:
            if _find(session, checked.name, checked.language) is not None:
                raise _duplicate(checked.name, checked.language)
            row = EmailTemplate(**checked.model_dump())
            session.add(row)
            session.flush()
            return template_dict(row)
    except IntegrityError as exc:  # a colleague saved the same name at the same moment
        raise _duplicate(checked.name, checked.language) from exc


def _find(session: Session, name: str, language: str) -> EmailTemplate | None:
    return session.scalars(
        select(EmailTemplate).where(
            col(EmailTemplate.name) == name, col(EmailTemplate.language) == language
        )
    ).first()


def _locked_row(session: Session, template_id: int, expected_version: int) -> EmailTemplate:
    row = session.get(EmailTemplate, template_id)
    if row is None:
        raise _no_template(template_id)
    if row.version != expected_version:
        raise TemplateConflict(
            f'The template "{row.name}" was changed by someone else since you opened it. '
            "Reload it, then make your change again."
        )
    return row


def update_template(
    database: Database,
    template_id: int,
    data: TemplateInput | Mapping[str, Any],
    *,
    expected_version: int,
) -> dict[str, Any]:
    """Save an edited template, unless someone else changed it since it was shown.

    Args:
        database: the database.
        template_id: the template.
        data: the edited fields.
        expected_version: the ``version`` the editor showed.

    Raises:
        TemplateConflict: the template changed (or was deleted) meanwhile.
        InputRejected: a field is invalid or the name is taken. Nothing was written.
    """
    checked = _checked_input(data)
    try:
        with database.session() as session:
            row = _locked_row(session, template_id, expected_version)
            other = _find(session, checked.name, checked.language)
            if other is not None and other.id != row.id:
                raise _duplicate(checked.name, checked.language)
            for key, value in checked.model_dump().items():
                setattr(row, key, value)
            row.updated_at = utc_now()
            session.flush()
            return template_dict(row)
    except StaleDataError as exc:
        raise TemplateConflict(
            "The template was changed by someone else while you saved it. Reload it, then "
            "make your change again."
        ) from exc
    except IntegrityError as exc:
        raise _duplicate(checked.name, checked.language) from exc


def delete_template(database: Database, template_id: int, *, expected_version: int) -> None:
    """Delete a template; replies already sent with it keep their full text.

    Raises:
        TemplateConflict: the template changed meanwhile.
        InputRejected: there is no such template.
    """
    try:
        with database.session() as session:
            row = _locked_row(session, template_id, expected_version)
            for sent in session.scalars(
                select(SentEmail).where(col(SentEmail.template_id) == template_id)
            ):
                sent.template_id = None
            session.delete(row)
            session.flush()
    except StaleDataError as exc:
        raise TemplateConflict(
            "The template was changed by someone else while you deleted it; nothing was deleted."
        ) from exc


def reset_template(
    database: Database, template_id: int, *, expected_version: int
) -> dict[str, Any]:
    """Put a default template back to the text PressDesk ships.

    Raises:
        InputRejected: the template is not one of the defaults.
        TemplateConflict: it changed meanwhile.
    """
    current = get_template(database, template_id)
    shipped = _shipped_defaults().get((current["name"], current["language"]))
    if shipped is None:
        raise InputRejected(f'"{current["name"]}" is not one of the default templates.')
    return update_template(database, template_id, shipped, expected_version=expected_version)


# --- defaults ----------------------------------------------------------------------------


def _read_default(path: Path) -> TemplateInput:
    name, _, language = path.name.removesuffix(".txt").rpartition(".")
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    first, _, body = text.partition("\n")
    if not first.startswith("Subject:"):
        raise ValueError(f"{path} must start with a 'Subject:' line")
    html_path = path.with_suffix(".html")
    return TemplateInput(
        name=name,
        language=Language(language),
        subject=first.removeprefix("Subject:").strip(),
        body_text=body.lstrip("\n"),
        body_html=html_path.read_text(encoding="utf-8") if html_path.exists() else None,
    )


@lru_cache(maxsize=1)
def _shipped_defaults() -> dict[tuple[str, str], TemplateInput]:
    defaults = [_read_default(p) for p in sorted(DEFAULT_TEMPLATES_DIR.glob("*.txt"))]
    return {(d.name, str(d.language)): d for d in defaults}


def default_templates() -> list[TemplateInput]:
    """The templates PressDesk ships (resources/templates/NAME.LANG.txt, optional .html)."""
    return list(_shipped_defaults().values())


def ensure_default_templates(database: Database) -> list[str]:
    """Add the shipped templates this database has never had; return what was added.

    Idempotent: each default is offered once in the database's life (remembered in
    ``app_meta``), so an officer's edit is never overwritten and a default they deleted
    does not come back. A template they made with the same name and language is kept.
    """
    defaults = _shipped_defaults()
    with database.session(write=False) as session:
        meta = session.get(AppMeta, _SEEDED_KEY)
        seeded = set(json.loads(meta.value)) if meta else set()
    if all(f"{n}/{lang}" in seeded for n, lang in defaults):
        return []
    try:
        with database.session() as session:
            meta = session.get(AppMeta, _SEEDED_KEY)
            seeded = set(json.loads(meta.value)) if meta else set()
            existing = {
                (name, language)
                for name, language in session.execute(
                    select(col(EmailTemplate.name), col(EmailTemplate.language))
                )
            }
            added = []
            for (name, language), data in defaults.items():
                key = f"{name}/{language}"
                if key in seeded:
                    continue
                seeded.add(key)
                if (name, language) in existing:
                    continue
                session.add(EmailTemplate(**data.model_dump(), is_default=True))
                added.append(key)
            value = json.dumps(sorted(seeded))
            if meta is None:
                session.add(AppMeta(key=_SEEDED_KEY, value=value))
            else:
                meta.value = value
            session.flush()
            return added
    except IntegrityError:
        # Another PressDesk seeded the same database at the same moment: it is done.
        return []
