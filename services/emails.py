"""E-mail addresses as press officers paste them: check, suggest fixes, split, classify.

Addresses are checked by ``email-validator`` without network access. Full-width
characters typed by a Chinese input method are accepted and reported; anything else
that is wrong makes the address invalid, with the most likely correction suggested
(never applied here).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email

from services.phrases import QT_TRANSLATE_NOOP, Phrase, phrase
from services.problems import Problem, Severity

EMAIL_TYPES: tuple[str, ...] = ("work", "personal", "team", "other")

# Misspelt mail providers seen in contact lists. Mail to them would not reach the person.
_DOMAIN_TYPOS: dict[str, str] = {
    **dict.fromkeys(
        ("gmial.com", "gamil.com", "gmai.com", "gmil.com", "gmaill.com", "gmal.com",
         "gnail.com", "gmali.com", "gmail.com.hk"),
        "gmail.com",
    ),
    **dict.fromkeys(
        ("hotmial.com", "hotmai.com", "hotmil.com", "hotmal.com", "hotamil.com",
         "homail.com", "hotnail.com", "hotmaill.com"),
        "hotmail.com",
    ),
    **dict.fromkeys(("yahooo.com", "yaho.com", "yahho.com", "yhaoo.com", "yahoo.co"), "yahoo.com"),
    **dict.fromkeys(("yahooo.com.hk", "yaho.com.hk", "yhaoo.com.hk"), "yahoo.com.hk"),
    **dict.fromkeys(("outlok.com", "outlool.com", "oulook.com", "outloook.com"), "outlook.com"),
    **dict.fromkeys(("iclod.com", "icoud.com", "icloud.co"), "icloud.com"),
    **dict.fromkeys(("netvigater.com", "netvigtor.com", "netvigator.co"), "netvigator.com"),
}  # fmt: skip
# Top-level domains that do not exist, mistyped for ones that do.
_TLD_TYPOS: dict[str, str] = {
    **dict.fromkeys(("con", "cmo", "comm", "ocm", "vom", "xom", "cpm", "coom", "comn"), "com"),
    **dict.fromkeys(("ogr", "orgg", "rog", "irg", "prg"), "org"),
    **dict.fromkeys(("nte", "ner", "nett"), "net"),
}
# Hong Kong second-level domains whose "hk" was mistyped (".com.hl").
_HK_SECOND_LEVEL = frozenset({"com", "org", "net", "edu", "gov", "idv"})
_HK_TYPOS = frozenset({"hl", "jk", "hj", "kk", "hkk", "hkg"})

# Role words of shared mailboxes. Matched as whole tokens of the local part, or at the
# start or end of a run-together one together with the organisation's name.
_ROLE_WORDS = frozenset(
    {
        "pr", "press", "media", "info", "news", "newsroom", "team", "comms", "communications",
        "communication", "enquiries", "enquiry", "inquiries", "inquiry", "mediaenquiries",
        "mediarelations", "mediaroom", "pressoffice", "hello", "contact", "contactus", "office",
        "admin", "marketing", "corpcomm", "corpcomms", "publicity", "general", "reception",
        "secretariat", "events", "mkt", "support",
    }
)  # fmt: skip
_ORG_ROLE_WORDS = ("pr", "press", "media", "team", "comms", "news", "mkt")
_GENERIC_DOMAIN_LABELS = frozenset(
    {"com", "org", "net", "edu", "gov", "hk", "cn", "co", "idv", "mail", "email", "www"}
)

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_IDEOGRAPHIC_SPACE_NEAR_MARK = re.compile("\u3000*([@.．＠。])\u3000*")
_LABEL = re.compile(
    r"\A\s*(?:e-?mail(?:\s*address)?|mail|電郵(?:地址)?|电邮|電子郵件|電子郵箱|電子信箱|郵箱|邮箱|郵件)"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)
_MAILTO = re.compile(r"\A\s*mailto:\s*", re.IGNORECASE)
_ANGLE = re.compile(r"\A(?P<name>[^<>]*)<\s*(?P<addr>[^<>]*?)\s*>\s*\Z")
_WRAP_OPEN = "\"'“‘(<[{「『"
_WRAP_CLOSE = "\"'”’)>]}」』"
_TRAILING_JUNK = re.compile(r"[/\\.,;:]+\Z")
_LEADING_JUNK = re.compile(r"\A[/\\.,;:]+")
_AT_WORD = re.compile(r"\s*[\[(<{]\s*at\s*[\])>}]\s*|\s+at\s+", re.IGNORECASE)
_DOT_WORD = re.compile(r"\s*[\[(<{]\s*dot\s*[\])>}]\s*|\s+dot\s+", re.IGNORECASE)
_SPACE_NEAR_MARK = re.compile(r"\s*([@.])\s*")
_SPLIT_TOKEN = re.compile(
    r"(?:\"[^\"]*\"|“[^”]*”)\s*<[^<>]*>?"  # "Wong, June" <june@x.com>
    r"|[^\s,;，；、<>\"@/／]+(?:[ \t\u3000]+[^\s,;，；、<>\"@/／]+)*\s*<[^<>]*>?"  # June Wong <..>
    r"|<[^<>]*>?"
    r"|(?:[^\s,;，；、<>]|\s*[\[(]\s*(?:at|dot)\s*[\])]\s*)+",
    re.IGNORECASE,
)
_SLASH = re.compile(r"[/／]+(?=[^/／\s])")
# A cell that is one address and nothing else (the usual case): nothing to split at, no
# label, display name, quotes, "(at)" or slash. With an "@", split_emails keeps it whole.
_ONE_ADDRESS = re.compile(r"[^\s,;，；、<>\"“”/／:：\[\]()]+\Z")
_LABEL_ONLY = re.compile(
    r"\A(?:e-?mail|mail|電郵|电邮|電子郵件|郵箱|邮箱)\s*[:：]?\Z", re.IGNORECASE
)
_NAME_TOKEN = re.compile(r"[a-z]+")
_LOCAL_PART_SEPARATORS = re.compile(r"[._+\-\d]+")
_COUNT_WORDS = {
    2: phrase(QT_TRANSLATE_NOOP("Validation", "two")),
    3: phrase(QT_TRANSLATE_NOOP("Validation", "three")),
    4: phrase(QT_TRANSLATE_NOOP("Validation", "four")),
}


@dataclass(frozen=True, slots=True)
class EmailCheck:
    """The result of checking one e-mail address.

    Attributes:
        input: the text as given.
        valid: whether the address can be stored.
        normalized: email-validator's normalised form (domain lower-cased, IDN
            handled, local part as typed), None when invalid.
        problems: what was fixed or is wrong.
        suggestion: the most likely correct address when invalid, or None.
        obvious_fix: True when the suggestion only removes packaging that cannot be
            part of an address (a trailing "/", "mailto:", "Name <...>", a label); an
            importer may apply it and report it as fixed.
    """

    input: str
    valid: bool
    normalized: str | None
    problems: list[Problem]
    suggestion: str | None
    obvious_fix: bool

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form used by the command line and the reports."""
        return {
            "valid": self.valid,
            "normalized": self.normalized,
            "problems": [p.to_dict() for p in self.problems],
            "suggestion": self.suggestion,
        }


@dataclass(slots=True)
class _Repair:
    """A candidate address being cleaned, and what was done to it."""

    text: str
    reasons: list[Phrase]
    obvious: bool = True
    hopeless: bool = False  # something is wrong that no rule can guess

    def apply(self, new: str, reason: Phrase, *, packaging: bool) -> None:
        """Take ``new`` as the candidate and note why, when it changes anything."""
        if new != self.text:
            self.text = new
            self.reasons.append(reason)
            self.obvious = self.obvious and packaging


# What Outlook exports for a colleague on the same Exchange server ("E-mail Type" EX).
_EXCHANGE_ADDRESS = re.compile(r"\A/o=[^/]+/(?:ou|cn)=", re.IGNORECASE)


def is_exchange_address(text: str) -> bool:
    """True for an Exchange X.500 name ("/o=ExchangeLabs/ou=…/cn=…"), which is no e-mail
    address and may hold spaces: one value, never split."""
    return _EXCHANGE_ADDRESS.match(text.strip()) is not None


def check_email(text: str, *, field: str = "email", where: str = "") -> EmailCheck:
    """Check one e-mail address and say what is wrong with it.

    Args:
        text: the address as typed or pasted.
        field: the field name put in each problem.
        where: the place put in each problem ("contacts.csv line 4").

    Returns:
        The check. Full-width ``＠``/``．`` (and an input method's ``。``) are accepted
        and reported as fixed; every other fault makes it invalid, with one error
        problem that names the fault and carries the suggestion.
    """
    stripped = text.strip()
    if not stripped:
        given = phrase(QT_TRANSLATE_NOOP("Validation", "no e-mail address given"))
        problem = Problem(Severity.ERROR, where, field, text, str(given), None, given)
        return EmailCheck(text, False, None, [problem], None, False)
    if is_exchange_address(stripped):
        said = phrase(
            QT_TRANSLATE_NOOP(
                "Validation",
                "%1 is an Exchange address inside one organisation (an X.500 name), not an "
                "e-mail address: it reaches nobody outside.",
            ),
            repr(stripped[:80] + ("…" if len(stripped) > 80 else "")),
        )
        problem = Problem(Severity.ERROR, where, field, text, str(said), None, said)
        return EmailCheck(text, False, None, [problem], None, False)
    address = _ime(stripped)
    normalized = _validated(address)
    if normalized is not None:
        typo = _domain_typo(address)
        if typo is None:
            problems = []
            if address != stripped:
                note = phrase(
                    QT_TRANSLATE_NOOP(
                        "Validation", "%1 was typed with full-width characters; read as %2."
                    ),
                    repr(stripped),
                    repr(address),
                )
                problems.append(
                    Problem(Severity.FIXED, where, field, text, str(note), address, note)
                )
            return EmailCheck(text, True, normalized, problems, None, False)
    repair = _repair(stripped)
    suggestion = None
    if not repair.hopeless and repair.text != address and _acceptable(repair.text):
        suggestion = repair.text
    reasons = list(repair.reasons)
    if not repair.hopeless and suggestion is None:
        reasons.append(_validator_reason(repair.text))  # what the rules could not mend
    joined = reasons[0]
    for reason in reasons[1:]:
        joined = phrase(QT_TRANSLATE_NOOP("Validation", "%1; %2"), joined, reason)
    if suggestion is None:
        message = phrase(
            QT_TRANSLATE_NOOP("Validation", "%1 is not a valid e-mail address: %2."),
            repr(stripped),
            joined,
        )
    else:
        message = phrase(
            QT_TRANSLATE_NOOP(
                "Validation", "%1 is not a valid e-mail address: %2. Did you mean %3?"
            ),
            repr(stripped),
            joined,
            suggestion,
        )
    problem = Problem(Severity.ERROR, where, field, text, str(message), suggestion, message)
    obvious = suggestion is not None and repair.obvious
    return EmailCheck(text, False, None, [problem], suggestion, obvious)


def normalize_email(text: str) -> str | None:
    """Return the normalised address for look-ups and duplicate checks, or None.

    An address that is only wrapped in packaging ("mailto:", "<...>", a trailing "/")
    is read as the address inside; a guess such as a misspelt domain is not applied.
    """
    stripped = text.strip()
    if is_exchange_address(stripped):
        return None
    address = _ime(stripped)
    normalized = _validated(address)
    if normalized is not None and _domain_typo(address) is None:
        return normalized
    if not stripped:
        return None
    check = check_email(text)
    if check.obvious_fix and check.suggestion is not None:
        return _validated(check.suggestion)
    return None


def email_key(address: str) -> str:
    """Return the key that finds duplicates: the whole address, NFKC and lower-cased."""
    return unicodedata.normalize("NFKC", address).strip().lower()


def split_emails(text: str) -> list[str]:
    """Split a cell holding several addresses into one piece per address.

    Splits on ``,`` ``;`` ``/`` ``、`` (and their full-width forms), whitespace and
    newlines, keeping a display name with its address ("June Wong <june@x.com>") and
    a trailing "/" on the piece it follows (so that it is reported, not dropped). A
    label such as "電郵：" on its own is not an address and is left out.

    Args:
        text: the cell or line.

    Returns:
        The pieces as typed, in order; check each with :func:`check_email`.
    """
    if "@" in text and _ONE_ADDRESS.match(text):
        return [text]  # what the rules below make of it: one piece, as typed
    pieces: list[str] = []
    for found in _SPLIT_TOKEN.findall(text):
        token = _LABEL.sub("", found).strip()
        if "<" in token:
            pieces.append(token)  # a display name stays with its address
        elif token:
            pieces.extend(part for part in _SLASH.split(token) if part.strip("/／"))
    return [p for p in pieces if not _LABEL_ONLY.match(p)]


def looks_like_team_mailbox(address: str, person_names: Sequence[str] = ()) -> bool:
    """Tell whether an address is a shared, team or role mailbox rather than a person's.

    Args:
        address: the e-mail address.
        person_names: romanised names of the people it might belong to ("June Wong").

    Returns:
        True for role local parts (pr, press, media, info, newsroom...) and for a
        local part that joins the organisation's name and a role word
        ("Edelmanhkstppr@edelman.com"), unless it looks like one of ``person_names``.
    """
    local, _, domain = unicodedata.normalize("NFKC", address).strip().lower().rpartition("@")
    if not local:
        return False
    letters = "".join(_NAME_TOKEN.findall(local))
    if any(_is_person(letters, name) for name in person_names):
        return False
    tokens = [t for t in _LOCAL_PART_SEPARATORS.split(local) if t]
    if any(token in _ROLE_WORDS for token in tokens):
        return True
    orgs = [
        label
        for label in domain.split(".")
        if len(label) >= 3 and label not in _GENERIC_DOMAIN_LABELS
    ]
    for token in tokens:
        for org in orgs:
            if token == org:
                return True  # "hkstp@hkstp.org": a mailbox named after the organisation
            if org in token and any(
                token.startswith(role) or token.endswith(role) for role in _ORG_ROLE_WORDS
            ):
                return True
    return False


def _ime(address: str) -> str:
    """NFKC, and "。" read as "."; what a Chinese input method puts in an address."""
    if address.isascii():
        return address
    return unicodedata.normalize("NFKC", address).replace("。", ".")


def _validated(address: str) -> str | None:
    """Return email-validator's normalised form, or None when it refuses the address."""
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def _acceptable(address: str) -> bool:
    """Whether an address would pass :func:`check_email` (valid, no misspelt domain)."""
    return _validated(address) is not None and _domain_typo(address) is None


def _validator_reason(address: str) -> Phrase:
    """Return email-validator's reason for refusing ``address``, in lower case.

    email-validator speaks English only: its reason is a value, not a template.
    """
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        reason = str(exc).rstrip(".")
        return Phrase("%1", (reason[:1].lower() + reason[1:],))
    typo = _domain_typo(address)
    return _misspelling(typo) if typo else phrase(QT_TRANSLATE_NOOP("Validation", "unknown error"))


def _misspelling(typo: tuple[str, str]) -> Phrase:
    """Say that the domain ``typo[0]`` looks misspelt for ``typo[1]``."""
    return phrase(
        QT_TRANSLATE_NOOP("Validation", "%1 looks like a misspelling of %2"),
        repr(typo[0]),
        repr(typo[1]),
    )


def _domain_typo(address: str) -> tuple[str, str] | None:
    """Return (domain, corrected domain) when the domain is a known misspelling."""
    domain = address.rpartition("@")[2].lower()
    if domain in _DOMAIN_TYPOS:
        return domain, _DOMAIN_TYPOS[domain]
    labels = domain.split(".")
    fixed = labels[:]
    if labels[-1] in _TLD_TYPOS:
        fixed[-1] = _TLD_TYPOS[labels[-1]]
    if len(labels) >= 3 and labels[-2] in _HK_SECOND_LEVEL and labels[-1] in _HK_TYPOS:
        fixed[-1] = "hk"
    if fixed == labels:
        return None
    corrected = ".".join(fixed)
    return domain, _DOMAIN_TYPOS.get(corrected, corrected)


def _repair(text: str) -> _Repair:
    """Clean an invalid address step by step, noting each fault in plain words."""
    repair = _Repair(text, [])
    # Invisible characters were never seen by the user, and a full-width space next to
    # "@" or "." comes from switching input method: removing them is not a guess.
    cleaned = _IDEOGRAPHIC_SPACE_NEAR_MARK.sub(r"\1", _INVISIBLE.sub("", repair.text))
    repair.apply(
        cleaned,
        phrase(
            QT_TRANSLATE_NOOP(
                "Validation", "it has an invisible character or a full-width space in it"
            )
        ),
        packaging=True,
    )
    repair.text = _ime(repair.text)
    pieces = split_emails(repair.text) if repair.text.count("@") > 1 else []
    if len(pieces) > 1 and all(piece.count("@") == 1 for piece in pieces):
        # "june@x.com; kc@y.hk" typed or pasted into one address field: not one address
        # with faults (a space, two @), but two, which only the user can take apart.
        repair.reasons.append(
            phrase(
                QT_TRANSLATE_NOOP("Validation", "it holds %1 addresses; give each one on its own"),
                _COUNT_WORDS.get(len(pieces), str(len(pieces))),
            )
        )
        repair.hopeless = True
        return repair
    label = _LABEL.match(repair.text)
    if label:
        repair.apply(
            repair.text[label.end() :],
            phrase(
                QT_TRANSLATE_NOOP("Validation", "it starts with the label %1"),
                repr(label.group().strip()),
            ),
            packaging=True,
        )
    repair.apply(
        _MAILTO.sub("", repair.text),
        phrase(QT_TRANSLATE_NOOP("Validation", "it starts with 'mailto:'")),
        packaging=True,
    )
    angle = _ANGLE.match(repair.text)
    if angle:
        repair.apply(
            angle.group("addr"),
            phrase(QT_TRANSLATE_NOOP("Validation", "it has a name or <> around the address")),
            packaging=True,
        )
        repair.apply(
            _MAILTO.sub("", repair.text),
            phrase(QT_TRANSLATE_NOOP("Validation", "it starts with 'mailto:'")),
            packaging=True,
        )
    _unwrap(repair)
    _trim_junk(repair)
    _spell_marks(repair)
    if repair.hopeless:
        return repair
    at_count = repair.text.count("@")
    if at_count == 0:
        repair.reasons.append(phrase(QT_TRANSLATE_NOOP("Validation", "it has no @")))
        repair.hopeless = True
        return repair
    if at_count > 1:
        collapsed = re.sub("@{2,}", "@", repair.text)
        if collapsed.count("@") == 1:
            repair.apply(
                collapsed,
                phrase(QT_TRANSLATE_NOOP("Validation", "it has two @ in a row")),
                packaging=False,
            )
        else:
            count = _COUNT_WORDS.get(at_count, str(at_count))
            repair.reasons.append(phrase(QT_TRANSLATE_NOOP("Validation", "it has %1 @"), count))
            repair.hopeless = True
            return repair
    _fix_domain(repair)
    return repair


def _unwrap(repair: _Repair) -> None:
    """Remove quotes or brackets around the address (also a stray one on one side)."""
    text = repair.text
    while text and text[0] in _WRAP_OPEN:
        text = text[1:].strip()
    while text and text[-1] in _WRAP_CLOSE:
        text = text[:-1].strip()
    repair.apply(
        text,
        phrase(QT_TRANSLATE_NOOP("Validation", "it has quotes or brackets around it")),
        packaging=True,
    )


def _trim_junk(repair: _Repair) -> None:
    """Remove punctuation stuck to either end ("June.Wong@edelman.com/")."""
    end = _TRAILING_JUNK.search(repair.text)
    if end:
        repair.apply(
            repair.text[: end.start()],
            phrase(QT_TRANSLATE_NOOP("Validation", "it ends with %1"), repr(end.group())),
            packaging=True,
        )
        _unwrap(repair)
    start = _LEADING_JUNK.match(repair.text)
    if start:
        repair.apply(
            repair.text[start.end() :],
            phrase(QT_TRANSLATE_NOOP("Validation", "it starts with %1"), repr(start.group())),
            packaging=True,
        )


def _spell_marks(repair: _Repair) -> None:
    """Read "(at)", " at ", "[dot]" as the marks they stand for, and drop stray spaces."""
    if "@" not in repair.text:
        repair.apply(
            _AT_WORD.sub("@", repair.text, count=1),
            phrase(QT_TRANSLATE_NOOP("Validation", "it has 'at' instead of @")),
            packaging=False,
        )
    if "@" not in repair.text:
        return  # "it has no @" says more than anything else about it
    repair.apply(
        _DOT_WORD.sub(".", repair.text),
        phrase(QT_TRANSLATE_NOOP("Validation", "it has 'dot' instead of '.'")),
        packaging=False,
    )
    if not any(c.isspace() for c in repair.text):
        return
    # A space next to "@" or "." is a slip; a space between words could stand for ".",
    # "_" or nothing, so there is no guess.
    tightened = _SPACE_NEAR_MARK.sub(r"\1", repair.text)
    if any(c.isspace() for c in tightened):
        repair.reasons.append(phrase(QT_TRANSLATE_NOOP("Validation", "it has a space in it")))
        repair.hopeless = True
        return
    repair.apply(
        tightened, phrase(QT_TRANSLATE_NOOP("Validation", "it has a space in it")), packaging=False
    )


def _fix_domain(repair: _Repair) -> None:
    """Check the part after the @ (commas, no dot, misspellings), and double dots on
    either side of it."""
    local, _, domain = repair.text.rpartition("@")
    if not local:
        repair.reasons.append(phrase(QT_TRANSLATE_NOOP("Validation", "nothing comes before the @")))
        repair.hopeless = True
        return
    if not domain:
        repair.reasons.append(phrase(QT_TRANSLATE_NOOP("Validation", "nothing comes after the @")))
        repair.hopeless = True
        return
    if "," in domain:
        domain = domain.replace(",", ".")
        repair.apply(
            f"{local}@{domain}",
            phrase(QT_TRANSLATE_NOOP("Validation", "it has ',' instead of '.' after the @")),
            packaging=False,
        )
    if ".." in domain or ".." in local:  # a slip on either side of the @: said once
        local, domain = re.sub(r"\.{2,}", ".", local), re.sub(r"\.{2,}", ".", domain)
        repair.apply(
            f"{local}@{domain}",
            phrase(QT_TRANSLATE_NOOP("Validation", "it has two dots in a row")),
            packaging=False,
        )
    if "." not in domain:
        # "hkstporg": the dot could go anywhere, so no guess.
        repair.reasons.append(
            phrase(
                QT_TRANSLATE_NOOP(
                    "Validation", "the domain %1 has no top-level part such as .com or .hk"
                ),
                repr(domain),
            )
        )
        repair.hopeless = True
        return
    typo = _domain_typo(repair.text)
    if typo is not None:
        repair.apply(
            f"{local}@{typo[1]}",
            _misspelling(typo),
            packaging=False,
        )


def _is_person(letters: str, name: str) -> bool:
    """Whether a local part (letters only) looks like the romanised ``name``.

    "junewong", "wongjune", "jwong" and "june" all look like "June Wong".
    """
    tokens = [t for t in _NAME_TOKEN.findall(name.lower()) if len(t) >= 2]
    if not tokens or not letters:
        return False
    found = [t for t in tokens if t in letters]
    if len(found) >= 2 or (len(tokens) == 1 and letters == tokens[0]):
        return True
    if len(found) != 1 or len(found[0]) < 3:
        return False
    rest = letters.replace(found[0], "", 1)
    initials = {t[0] for t in tokens if t != found[0]}
    # The rest is nothing ("june") or initials of the other names ("jwong", "wongkk").
    return all(c in initials for c in rest) and len(rest) <= len(tokens)
