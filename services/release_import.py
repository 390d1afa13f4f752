"""Importing a press release: the release, its issuers, media contacts and spokespeople.

The parser (``services.release_parser``) reads the text; this module validates every phone
and e-mail, applies only obvious fixes (and reports each), merges with what the roster
already holds, and writes everything in one unit of work, or nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from db.engine import Database
from db.models import (
    Contact,
    ContactEmail,
    ContactKind,
    ContactPhone,
    Organization,
    OrganizationKind,
    Release,
    ReleaseIssuer,
    ReleaseMediaContact,
    ReleaseSpokesperson,
)
from services.import_report import ImportReport
from services.matching import find_contact, find_organization
from services.problems import Problem, Severity
from services.release_parser import (
    ParsedContact,
    ParsedOrganization,
    ParsedRelease,
    ParsedSpokesperson,
    parse_release,
)
from services.value_checks import EmailValue, PhoneValue, validate_email_text, validate_phone_text
from services.word_files import read_release_document


def _where(source: str, line: int | None) -> str:
    return f"{source} line {line}" if line else source


class _ReleaseWriter:
    """Writes one parsed release into a session, merging with the roster, counting."""

    def __init__(self, session: Session, parsed: ParsedRelease, report: ImportReport) -> None:
        self.session = session
        self.parsed = parsed
        self.report = report
        self.orgs: dict[str, Organization] = {}

    def organization(self, key: str | None) -> Organization | None:
        if key is None:
            return None
        if key in self.orgs:
            return self.orgs[key]
        parsed = next((o for o in self.parsed.organizations if o.key == key), None)
        if parsed is None:
            return None
        org = self._find_or_create_organization(parsed)
        self.orgs[key] = org
        return org

    def _find_or_create_organization(self, parsed: ParsedOrganization) -> Organization:
        existing = find_organization(
            self.session,
            name_zh=parsed.name_zh,
            name_en=parsed.name_en,
            short_name=parsed.short_name_en,
        )
        if existing is not None:
            # Fill what the roster lacks; never overwrite what a person entered.
            for attr, value in (
                ("name_zh", parsed.name_zh),
                ("name_en", parsed.name_en),
                ("short_name", parsed.short_name_en),
                ("short_name_zh", parsed.short_name_zh),
                ("website", parsed.website),
            ):
                if value and not getattr(existing, attr):
                    setattr(existing, attr, value)
            return existing
        org = Organization(
            name_zh=parsed.name_zh,
            name_en=parsed.name_en,
            short_name=parsed.short_name_en,
            short_name_zh=parsed.short_name_zh,
            kind=parsed.kind if parsed.kind in set(OrganizationKind) else OrganizationKind.OTHER,
            website=parsed.website,
        )
        self.session.add(org)
        self.session.flush()
        self.report.created["organizations"] += 1
        return org

    def media_contact(self, parsed: ParsedContact) -> Contact:
        org = self.organization(parsed.organization_key)
        region = org.phone_region if org is not None else "HK"
        unparsed: list[str] = []
        phones: list[PhoneValue] = []
        emails: list[EmailValue] = []
        email_type = "team" if parsed.kind == ContactKind.MAILBOX else "work"
        for raw in parsed.phones:
            values, invalid, problems = validate_phone_text(
                raw.text, region=region, where=_where(self.report.source, raw.line), label=raw.label
            )
            phones.extend(values)
            unparsed.extend(invalid)
            self.report.problems.extend(problems)
        for raw in parsed.emails:
            value, problems = validate_email_text(
                raw.text, where=_where(self.report.source, raw.line), type_=email_type
            )
            if value is None:
                unparsed.append(raw.text)
            else:
                emails.append(value)
            self.report.problems.extend(problems)
        contact, why = find_contact(
            self.session,
            email_keys=[e.key for e in emails],
            phones=[p.e164 for p in phones],
            name_zh=parsed.name_zh,
            name_en=parsed.name_en,
            organization_id=org.id if org is not None else None,
        )
        if contact is None:
            contact = Contact(
                kind=parsed.kind,
                name_zh=parsed.name_zh,
                name_en=parsed.name_en,
                honorific=parsed.honorific,
                title_zh=parsed.title_zh,
                title_en=parsed.title_en,
                organization_id=org.id if org is not None else None,
                preferred_language="en" if not parsed.name_zh and parsed.name_en else "zh-HK",
            )
            self.session.add(contact)
            self.session.flush()
            self.report.created["contacts"] += 1
        else:
            label = contact.name_zh or contact.name_en or f"contact {contact.id}"
            self.report.merged.append(f"{label} (same {why})")
        if unparsed:
            # Nothing typed is lost: what could not be validated stays on the contact.
            note = "Not imported (invalid): " + "; ".join(unparsed)
            contact.notes = f"{contact.notes}\n{note}" if contact.notes else note
        self._add_phones(contact, phones)
        self._add_emails(contact, emails)
        return contact

    def _add_phones(self, contact: Contact, phones: list[PhoneValue]) -> None:
        assert contact.id is not None
        existing = set(
            self.session.scalars(
                select(col(ContactPhone.e164)).where(col(ContactPhone.contact_id) == contact.id)
            )
        )
        position = len(existing)
        for row in phones:
            if row.e164 in existing:
                continue
            existing.add(row.e164)
            self.session.add(
                ContactPhone(
                    contact_id=contact.id,
                    e164=row.e164,
                    extension=row.extension,
                    type=row.type,
                    raw=row.raw,
                    position=position,
                )
            )
            position += 1
            self.report.created["phones"] += 1

    def _add_emails(self, contact: Contact, emails: list[EmailValue]) -> None:
        assert contact.id is not None
        existing = set(
            self.session.scalars(
                select(col(ContactEmail.address_key)).where(
                    col(ContactEmail.contact_id) == contact.id
                )
            )
        )
        position = len(existing)
        for row in emails:
            key = row.key
            if key in existing:
                continue
            existing.add(key)
            self.session.add(
                ContactEmail(
                    contact_id=contact.id,
                    address=row.address,
                    address_key=key,
                    type=row.type,
                    raw=row.raw,
                    position=position,
                )
            )
            position += 1
            self.report.created["emails"] += 1

    def spokesperson(self, parsed: ParsedSpokesperson) -> Contact:
        org = self.organization(parsed.organization_key)
        contact, _ = find_contact(
            self.session,
            name_zh=parsed.name_zh,
            name_en=parsed.name_en,
            organization_id=org.id if org is not None else None,
        )
        if contact is None:
            contact = Contact(
                kind=ContactKind.PERSON,
                name_zh=parsed.name_zh,
                name_en=parsed.name_en,
                honorific=parsed.honorific,
                title_zh=parsed.title_zh,
                title_en=parsed.title_en,
                organization_id=org.id if org is not None else None,
            )
            self.session.add(contact)
            self.session.flush()
            self.report.created["contacts"] += 1
        return contact

    def write(self) -> Release:
        parsed = self.parsed
        release = Release(
            title_zh=parsed.title_zh,
            title_en=parsed.title_en,
            subtitle_zh=parsed.subtitle_zh,
            subtitle_en=parsed.subtitle_en,
            issued_on=parsed.issued_on,
            place=parsed.place,
            fingerprint=parsed.fingerprint,
        )
        self.session.add(release)
        self.session.flush()
        self.report.created["releases"] += 1
        assert release.id is not None
        for position, key in enumerate(dict.fromkeys(parsed.issuer_keys)):
            org = self.organization(key)
            if org is not None and org.id is not None:
                self.session.add(
                    ReleaseIssuer(release_id=release.id, organization_id=org.id, position=position)
                )
        linked: set[int] = set()
        for parsed_contact in parsed.media_contacts:
            contact = self.media_contact(parsed_contact)
            if contact.id is not None and contact.id not in linked:
                self.session.add(
                    ReleaseMediaContact(
                        release_id=release.id, contact_id=contact.id, position=len(linked)
                    )
                )
                linked.add(contact.id)
                self.report.created["media_contacts"] += 1
        speakers: set[int] = set()
        for parsed_speaker in parsed.spokespeople:
            contact = self.spokesperson(parsed_speaker)
            if contact.id is not None and contact.id not in speakers:
                self.session.add(
                    ReleaseSpokesperson(
                        release_id=release.id,
                        contact_id=contact.id,
                        title_zh=parsed_speaker.title_zh,
                        title_en=parsed_speaker.title_en,
                        position=len(speakers),
                    )
                )
                speakers.add(contact.id)
                self.report.created["spokespeople"] += 1
        self.session.flush()
        return release


def _already_imported(session: Session, parsed: ParsedRelease) -> Release | None:
    found = session.scalars(
        select(Release).where(col(Release.fingerprint) == parsed.fingerprint)
    ).first()
    if found is not None or parsed.issued_on is None:
        return found
    # The same release saved again with other line breaks or a fixed typo elsewhere.
    for title_column, title in (
        (Release.title_zh, parsed.title_zh),
        (Release.title_en, parsed.title_en),
    ):
        if title:
            found = session.scalars(
                select(Release).where(
                    col(title_column) == title,
                    col(Release.issued_on) == parsed.issued_on,
                    col(Release.deleted_at).is_(None),
                )
            ).first()
            if found is not None:
                return found
    return None


class _DryRun(Exception):
    """Raised inside the unit of work to roll a dry run back."""


def import_release_text(
    database: Database, text: str, *, source: str = "release", dry_run: bool = False
) -> ImportReport:
    """Import one press release given as text.

    Raises:
        InputRejected: the text is not a press release; nothing was written.
    """
    parsed = parse_release(text, source=source)
    report = ImportReport(source=source, problems=list(parsed.problems))
    try:
        with database.session() as session:
            existing = _already_imported(session, parsed)
            if existing is not None:
                report.release_id = existing.id
                report.problems.append(
                    Problem(
                        Severity.WARNING,
                        source,
                        "release",
                        parsed.title_zh or parsed.title_en or source,
                        f"This release was imported before (release {existing.id}); nothing was changed.",
                        None,
                    )
                )
                return report
            release = _ReleaseWriter(session, parsed, report).write()
            report.release_id = release.id
            release.body = text
            if dry_run:
                raise _DryRun
    except _DryRun:
        report.release_id = None
        return report
    report.written = True
    return report


def import_release_file(
    database: Database, path: Path | str, *, dry_run: bool = False
) -> ImportReport:
    """Read a release (a text file in any common encoding, or a Word .docx) and import it.

    Raises:
        InputRejected: unreadable, empty, binary, too large, or not a press release.
    """
    decoded = read_release_document(path)
    return import_release_text(database, decoded.text, source=Path(path).name, dry_run=dry_run)
