"""Commands ``templates`` and ``reply``: list reply templates; preview, save or send a reply.

SMTP settings come from the settings file (see :mod:`services.settings`) unless given as
options. The SMTP password comes from the environment variable ``PRESSDESK_SMTP_PASSWORD``
(for scripted runs), else from the system keyring (service ``PressDesk SMTP <host>``, user
name = the SMTP user; store it from the app, or with ``keyring set "PressDesk SMTP <host>"
<user>``), else it is asked for when a terminal is attached. It is never written anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from cli.output import emit_error, emit_json, emit_line, emit_table
from db.engine import Database
from db.models import InquiryStatus
from services.inquiries import validation_problems
from services.mail import MailError
from services.problems import InputRejected
from services.replies import ReplyDraft, deliver_reply, render_reply, templates_for_inquiry
from services.secrets import get_smtp_password, keyring_service
from services.settings import DEFAULT_SMTP_PORTS, Settings, load_settings
from services.templates import ensure_default_templates, list_templates

if TYPE_CHECKING:
    from cli.main import CommandFactory, Handler

PASSWORD_ENV_VAR = "PRESSDESK_SMTP_PASSWORD"
EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2

_TEMPLATE_COLUMNS = [
    ("id", "ID"),
    ("name", "Name"),
    ("language", "Language"),
    ("label", "Label"),
    ("subject", "Subject"),
]


def add_commands(command: CommandFactory) -> dict[str, Handler]:
    """Add ``templates`` and ``reply`` to the command line; return their handlers."""
    command("templates", "list the reply templates (the defaults are added on first use)")

    reply = command(
        "reply",
        "reply to an inquiry with a template: preview it, save it as .eml, or send it; "
        f"the SMTP password comes from ${PASSWORD_ENV_VAR} or the system keyring",
    )
    reply.add_argument("inquiry_id", type=int, metavar="INQUIRY_ID")
    reply.add_argument("--template", required=True, metavar="NAME", help="e.g. acknowledgement")
    reply.add_argument(
        "--lang",
        choices=["zh-HK", "en"],
        help="the template's language (default: the journalist's preferred language)",
    )
    how = reply.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--print",
        dest="print_only",
        action="store_true",
        help="show the reply exactly as it would be sent; nothing is sent or logged",
    )
    how.add_argument(
        "--eml",
        type=Path,
        metavar="PATH",
        help="save it as a .eml draft and log it (Outlook opens it as a draft; Thunderbird "
        "read-only: use Edit as New Message there)",
    )
    how.add_argument("--send", action="store_true", help="send it over SMTP and log it")
    reply.add_argument(
        "--smtp-host", metavar="HOST", help="outgoing mail server (default: settings)"
    )
    reply.add_argument("--smtp-port", type=int, metavar="PORT", help="its port (default: settings)")
    reply.add_argument("--smtp-user", metavar="USER", help="login name (default: settings)")
    security = reply.add_mutually_exclusive_group()
    security.add_argument(
        "--smtp-starttls",
        dest="smtp_security",
        action="store_const",
        const="starttls",
        help="STARTTLS (port 587 unless --smtp-port)",
    )
    security.add_argument(
        "--smtp-ssl",
        dest="smtp_security",
        action="store_const",
        const="ssl",
        help="SSL/TLS from the start (port 465 unless --smtp-port)",
    )
    reply.add_argument(
        "--smtp-ca-file",
        metavar="PATH",
        help="certificate bundle of a private certificate authority",
    )
    reply.add_argument("--from", dest="from_address", metavar="ADDRESS", help="the From address")
    reply.add_argument(
        "--spokesperson",
        type=int,
        metavar="CONTACT_ID",
        help="for an interview request: the spokesperson asked for",
    )
    reply.add_argument(
        "--no-mark-answered",
        action="store_true",
        help="log the reply but leave the inquiry's status as it is",
    )
    reply.add_argument(
        "--status",
        choices=[InquiryStatus.ANSWERED, InquiryStatus.DECLINED, InquiryStatus.IN_PROGRESS],
        default=InquiryStatus.ANSWERED,
        help="the status an open inquiry moves to (default: answered)",
    )
    reply.add_argument(
        "--override-opt-out",
        action="store_true",
        help="send even to a contact who opted out of e-mail (recorded on the inquiry)",
    )
    return {"templates": _cmd_templates, "reply": _cmd_reply}


def _cmd_templates(db: Database, args: argparse.Namespace) -> int:
    ensure_default_templates(db)
    templates = list_templates(db)
    if args.json:
        emit_json([{k: t[k] for k in ("id", "name", "language", "subject")} for t in templates])
    else:
        emit_table(templates, _TEMPLATE_COLUMNS)
    return EXIT_OK


class _UsageProblem(Exception):
    """Options that contradict each other or the settings (exit 2)."""


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings()
    data = settings.model_dump()
    smtp = data["smtp"]
    if args.smtp_host is not None:
        smtp["host"] = args.smtp_host
    if args.smtp_security is not None:
        smtp["security"] = args.smtp_security
        smtp["port"] = DEFAULT_SMTP_PORTS[args.smtp_security]
    if args.smtp_port is not None:
        smtp["port"] = args.smtp_port
    if args.smtp_user is not None:
        smtp["user"] = args.smtp_user
    if args.smtp_ca_file is not None:
        smtp["ca_file"] = args.smtp_ca_file
    if args.from_address is not None:
        data["from_address"] = args.from_address
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, "options")
        raise _UsageProblem("; ".join(f"{p.field}: {p.message}" for p in problems)) from exc


def _password(settings: Settings) -> str | None:
    smtp = settings.smtp
    if not smtp.user:
        return None
    password = os.environ.get(PASSWORD_ENV_VAR) or get_smtp_password(smtp.host, smtp.user)
    if password:
        return password
    if sys.stdin.isatty():
        return getpass.getpass(f"Password of {smtp.user} on {smtp.host}: ") or None
    raise MailError(
        f"No password for {smtp.user} on {smtp.host}: set ${PASSWORD_ENV_VAR}, or store it in "
        f'the system keyring (keyring set "{keyring_service(smtp.host)}" {smtp.user}). '
        "Nothing was sent.",
        kind="login",
    )


def _language(db: Database, args: argparse.Namespace) -> str:
    if args.lang:
        return str(args.lang)
    for template in templates_for_inquiry(db, args.inquiry_id):
        if template["name"] == args.template:
            return str(template["language"])
    raise InputRejected(
        f'There is no template named "{args.template}". '
        "List the templates with `pressdesk templates`."
    )


def _print_draft(draft: ReplyDraft, as_json: bool) -> None:
    if as_json:
        emit_json(draft.to_dict())
        return
    emit_line(draft.as_text().rstrip("\n"))
    for warning in draft.warnings:
        emit_error(f"warning: {warning}")


def _cmd_reply(db: Database, args: argparse.Namespace) -> int:
    try:
        settings = _settings(args)
    except _UsageProblem as exc:
        emit_error(f"reply: {exc}")
        return EXIT_USAGE
    try:
        draft = render_reply(
            db,
            args.inquiry_id,
            (args.template, _language(db, args)),
            settings=settings,
            spokesperson_id=args.spokesperson,
        )
        if args.print_only:
            _print_draft(draft, args.json)
            return EXIT_OK
        result = deliver_reply(
            db,
            args.inquiry_id,
            draft,
            "eml" if args.eml else "smtp",
            settings=settings,
            password=_password(settings) if args.send else None,
            eml_path=args.eml,
            mark_answered=not args.no_mark_answered,
            status=args.status,
            override_opt_out=args.override_opt_out,
            user=settings.officer_name,
        )
    except InputRejected as exc:
        if args.json:
            emit_json(
                {
                    "sent": False,
                    "error": exc.message,
                    "problems": [p.to_dict() for p in exc.problems],
                }
            )
        else:
            emit_error(exc.message)
        return EXIT_REJECTED
    if args.json:
        emit_json({"sent": True, **result})
        return EXIT_OK
    sent = result["sent_email"]
    inquiry = result["inquiry"]
    where = f"saved to {result['eml_path']}" if args.eml else f"sent to {sent['to']}"
    emit_line(f'Reply "{draft.subject}" {where}.')
    emit_line(
        f"Logged on inquiry {inquiry['id']}: status {inquiry['status']}, "
        f"first response {inquiry['first_response_at']}."
    )
    for address, reason in result["refused"].items():
        emit_error(f"warning: the server refused {address}: {reason}")
    return EXIT_OK
