"""Reply templates: the shipped defaults, storage with version checks, the sandbox, and
errors that name the field, the template and the line."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from db.engine import Database
from db.models import AppMeta, Contact, EmailTemplate, InquiryChannel, SentEmail
from services.inquiries import InquiryCreate, add_inquiry
from services.problems import InputRejected
from services.release_import import import_release_file
from services.replies import render_reply, reply_context
from services.roster import list_releases
from services.settings import Settings
from services.templates import (
    DEFAULT_TEMPLATE_NAMES,
    MAX_OUTPUT_BYTES,
    TemplateConflict,
    TemplateError,
    UnfilledFieldError,
    create_template,
    default_templates,
    delete_template,
    ensure_default_templates,
    find_template,
    format_date,
    format_datetime,
    get_template,
    list_templates,
    render_template,
    reset_template,
    update_template,
)
from tests.conftest import SEED_RELEASE

OFFICER = Settings(
    officer_name="溫安怡",
    officer_title="企業傳訊經理",
    organization="香港科技園公司",
    phone="+852 2629 2329",
    from_address="angela.wan@hkstp.org",
)


def _template(body: str, **changes: Any) -> dict[str, Any]:
    return {"name": "t", "language": "en", "subject": "Subject", "body_text": body, **changes}


def _count(database: Database, model: type) -> int:
    with database.session(write=False) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# --- the defaults ------------------------------------------------------------------------


def test_defaults_ship_in_both_languages() -> None:
    shipped = {(t.name, t.language) for t in default_templates()}
    assert shipped == {(n, lang) for n in DEFAULT_TEMPLATE_NAMES for lang in ("zh-HK", "en")}


def test_defaults_are_seeded_once_and_never_overwrite_an_edit(database: Database) -> None:
    added = ensure_default_templates(database)
    assert len(added) == 2 * len(DEFAULT_TEMPLATE_NAMES)
    assert ensure_default_templates(database) == []
    templates = list_templates(database)
    assert [t["name"] for t in templates[:2]] == ["acknowledgement", "acknowledgement"]
    assert all(t["is_default"] and not t["is_modified"] for t in templates)

    answer = next(t for t in templates if (t["name"], t["language"]) == ("answer", "en"))
    edited = update_template(
        database,
        answer["id"],
        {**answer, "body_text": "Dear {{ journalist.addressee }},\nOur own words.\n"},
        expected_version=answer["version"],
    )
    assert edited["is_modified"]
    decline = find_template(database, "decline", "zh-HK")
    assert decline is not None
    delete_template(database, decline["id"], expected_version=decline["version"])

    assert ensure_default_templates(database) == []
    assert get_template(database, answer["id"])["body_text"].endswith("Our own words.\n")
    assert find_template(database, "decline", "zh-HK") is None  # a deleted default stays deleted

    restored = reset_template(database, answer["id"], expected_version=edited["version"])
    assert not restored["is_modified"]


def test_a_users_own_template_with_a_default_name_is_kept(database: Database) -> None:
    mine = create_template(
        database,
        {"name": "answer", "language": "en", "subject": "Mine", "body_text": "Mine.\n"},
    )
    added = ensure_default_templates(database)
    assert "answer/en" not in added
    assert get_template(database, mine["id"])["subject"] == "Mine"


def _seeded_inquiries(database: Database) -> tuple[int, int]:
    report = import_release_file(database, SEED_RELEASE)
    assert report.written
    (release,) = list_releases(database)
    zh = add_inquiry(
        database,
        InquiryCreate(
            release_id=release["id"],
            journalist="陳大文",
            outlet="明報",
            channel=InquiryChannel.EMAIL,
            question="想訪問余凱博士，了解研發中心的招聘計劃。",
            email="david.chan@mingpao.com",
            deadline=datetime(2023, 12, 1, 9, 0, tzinfo=UTC),
        ),
    )
    en = add_inquiry(
        database,
        InquiryCreate(
            release_id=release["id"],
            journalist="Mary Lee",
            outlet="South China Morning Post",
            channel=InquiryChannel.PHONE,
            question="How many jobs, and how much will Horizon invest?",
            email="mary.lee@scmp.com",
        ),
    )
    return zh["id"], en["id"]


def test_every_default_renders_for_the_seed_release_in_both_languages(database: Database) -> None:
    zh_inquiry, en_inquiry = _seeded_inquiries(database)
    for inquiry_id in (zh_inquiry, en_inquiry):
        for name in DEFAULT_TEMPLATE_NAMES:
            for language in ("zh-HK", "en"):
                draft = render_reply(
                    database,
                    inquiry_id,
                    (name, language),
                    settings=OFFICER,
                    today=date(2023, 12, 1),
                )
                text = draft.subject + draft.body_text
                for leftover in ("{{", "}}", "{%", "None", "Undefined", "[", "'"):
                    assert leftover not in text, (name, language, leftover, text)
                assert draft.body_text.endswith(
                    "電郵：angela.wan@hkstp.org\n"
                ) or draft.body_text.endswith("Email: angela.wan@hkstp.org\n")
                assert "\n\n\n" not in draft.body_text
    answer = render_reply(
        database, zh_inquiry, ("answer", "zh-HK"), settings=OFFICER, today=date(2023, 12, 1)
    )
    assert answer.subject == "回覆：有關「香港科技園公司與地平線簽署合作備忘錄」的查詢"
    assert answer.body_text.startswith("陳大文：\n\n你好！謝謝你代表明報查詢")
    assert "（截至2023年12月1日）" in answer.body_text
    assert "發布日期：2023年12月1日（香港）\n" in answer.body_text
    assert "・余凱博士，地平線始創人兼首席執行官\n" in answer.body_text
    assert (
        "・地平線 2028 年底前的總投資額約為 30 億港元及招聘上百人科研團隊。\n" in answer.body_text
    )
    assert (
        "・將於香港科學園成立的創新研發中心，會研發智能駕駛解決方案、人才培育及進行知識產權保護。"
        in answer.body_text
    )
    assert (
        "・溫安怡（香港科技園公司）：電話 +852 2629 2329；電郵 angela.wan@hkstp.org\n"
        in answer.body_text
    )

    english = render_reply(
        database, en_inquiry, ("answer", "en"), settings=OFFICER, today=date(2023, 12, 1)
    )
    assert english.body_text.startswith("Dear Mary Lee,\n\nThank you for your enquiry")
    assert "Issued: 1 December 2023, Hong Kong\n" in english.body_text
    assert "(as at 1 December 2023)" in english.body_text  # today, in the template's language
    assert "Issued by: HKSTP and Horizon\n" in english.body_text
    assert (
        "- Angela Wan (HKSTP): tel. +852 2629 2329; email angela.wan@hkstp.org\n"
        in english.body_text
    )
    assert "Highlights" not in english.body_text  # the bullet points are in Chinese only

    # The interview request goes to the spokesperson the journalist named, via the media
    # contact of the spokesperson's own organisation.
    interview = render_reply(database, zh_inquiry, ("interview_request", "zh-HK"), settings=OFFICER)
    assert interview.subject == "回覆：邀請余凱博士接受訪問"
    assert "轉交負責安排余凱博士訪問的熊苗苗（地平線）" in interview.body_text


def test_deadline_is_written_in_local_time_in_the_templates_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Hong_Kong")
    time.tzset()
    try:
        moment = "2023-12-01T09:30:00+00:00"
        assert format_datetime(moment, "zh-HK") == "2023年12月1日下午5時30分"
        assert format_datetime(moment, "en") == "1 December 2023, 5:30 pm"
        assert format_date(moment, "zh-HK") == "2023年12月1日"
        assert format_date("2023-12-01", "en") == "1 December 2023"
        assert (
            format_datetime(datetime(2023, 12, 1, 4, 0, tzinfo=UTC), "zh-HK")
            == "2023年12月1日中午12時"
        )
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_reply_context_holds_plain_values_only(database: Database) -> None:
    zh_inquiry, _ = _seeded_inquiries(database)
    context = reply_context(database, zh_inquiry, settings=OFFICER, today=date(2023, 12, 1))

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str)
                walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")
        else:
            assert value is None or type(value) in (str, int, float, bool), (path, type(value))

    walk(context, "context")
    assert context["today"] == "2023年12月1日"
    english = reply_context(
        database, zh_inquiry, language="en", settings=OFFICER, today=date(2023, 12, 1)
    )
    assert english["today"] == "1 December 2023"
    assert reply_context(database, zh_inquiry, settings=OFFICER)["today"] == format_date(
        date.today(), "zh-HK"
    )
    assert context["journalist"]["addressee"] == "陳大文"
    assert context["spokesperson"]["name"] == "余凱"


# --- errors that name what is wrong ------------------------------------------------------


def test_an_unfilled_field_names_the_field_template_and_line() -> None:
    template = _template("Dear {{ journalist.name }},\n\n{{ release.title_en }}\n", name="answer")
    context = {
        "journalist": {"name": "Mary Lee"},
        "release": {"title_zh": "標題", "title_en": None},
    }
    with pytest.raises(UnfilledFieldError) as caught:
        render_template(template, context)
    error = caught.value
    assert error.field == "release.title_en"
    assert error.template == "answer"
    assert error.line == 3
    assert 'Template "answer" (English), body, line 3' in error.message
    assert "release.title_en has no value" in error.message
    for missing in ({"journalist": {"name": ""}}, {}):
        with pytest.raises(UnfilledFieldError, match=r"journalist\.name|journalist"):
            render_template(_template("{{ journalist.name }}"), missing)


def test_an_unfilled_field_in_the_subject_or_a_list_is_named() -> None:
    with pytest.raises(UnfilledFieldError) as caught:
        render_template(_template("x", subject="Re: {{ outlet.name }}"), {})
    assert caught.value.part == "subject"
    with pytest.raises(UnfilledFieldError) as caught:
        render_template(
            _template("{% for p in spokespeople %}{{ p.title }}{% endfor %}"),
            {"spokespeople": [{"name": "余凱", "title": None}]},
        )
    assert caught.value.field == "spokespeople[0].title"


def test_a_syntax_error_names_the_line() -> None:
    with pytest.raises(TemplateError) as caught:
        render_template(_template("line one\n{% if x %}\nno end\n"), {"x": 1})
    assert "has a syntax error" in caught.value.message
    assert caught.value.line is not None
    with pytest.raises(TemplateError, match="line 2 has a syntax error"):
        render_template(_template("ok\n{{ journalist.name }\n"), {})


def test_a_whole_record_printed_is_refused() -> None:
    with pytest.raises(TemplateError, match="printed whole"):
        render_template(_template("{{ spokespeople }}"), {"spokespeople": [{"name": "余凱"}]})


def test_optional_fields_are_tested_with_is_defined_and_default() -> None:
    body = (
        "{% if inquiry.deadline is defined %}By {{ inquiry.deadline | date }}.{% endif %}"
        "{{ journalist.title | default('Reporter') }}"
    )
    rendered = render_template(_template(body), {"inquiry": {"deadline": None}, "journalist": {}})
    assert rendered.body_text == "Reporter\n"


def test_html_is_escaped_only_in_the_html_part() -> None:
    rendered = render_template(
        _template("{{ name }}", body_html="<p>{{ name }}</p>", subject="{{ name }}"),
        {"name": "R&D <Lab>"},
    )
    assert rendered.subject == "R&D <Lab>"
    assert rendered.body_text == "R&D <Lab>\n"
    assert rendered.body_html == "<p>R&amp;D &lt;Lab&gt;</p>"


def test_the_subject_is_one_line_whatever_the_template_does() -> None:
    rendered = render_template(
        _template("x", subject="Re:\n{% if a %}\n{{ a }}\n{% endif %}"), {"a": "one\nBcc: x@y.z"}
    )
    assert rendered.subject == "Re: one Bcc: x@y.z"


# --- the sandbox -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "{{ journalist.__class__.__mro__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ journalist | attr('__class__') }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ journalist.update({'name': 'Someone else'}) }}",
        "{{ journalist.clear() }}",
        "{{ journalist.pop('name') }}",
        "{{ spokespeople.append(1) }}",
        "{{ journalist.name.center(100000000) }}",
        "{{ 'a' * 50000000 }}",
        "{{ ['a'] * 50000000 }}",
        "{{ 9 ** 99999999 }}",
        "{{ '%100000000s' % 'a' }}",
        "{{ '{:>100000000}'.format('a') }}",
        "{{ '%s'|format('a' * 300000) }}",
        "{{ range(1000) | join('x' * 100000) }}",
        "{{ 'ab' | replace('', 'x' * 100000) }}",
        "{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s }}",
        "{% macro grow(s, n) %}{% if n %}{{ grow(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}"
        "{% endmacro %}{{ grow('a', 40) }}",
        "{% for i in range(1000) %}{{ 'y' * 200000 }}{% endfor %}",
        "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "{{ range(100000) | list | length }}",
    ],
)
def test_sandbox_escapes_and_runaway_output_are_refused(body: str) -> None:
    context = {"journalist": {"name": "Mary Lee"}, "spokespeople": [{"name": "余凱"}]}
    with pytest.raises(TemplateError) as caught:
        render_template(_template(body), context)
    assert caught.value.message.startswith('Template "t" (English)')
    assert context == {"journalist": {"name": "Mary Lee"}, "spokespeople": [{"name": "余凱"}]}


def test_output_just_under_the_cap_is_fine_and_just_over_is_refused() -> None:
    assert len(render_template(_template("{{ 'a' * 200000 }}"), {}).body_text) == 200_001
    with pytest.raises(TemplateError, match="longer than 200 KB"):
        render_template(_template("{{ 'a' * 200000 }}{{ 'a' * 10000 }}"), {})
    assert MAX_OUTPUT_BYTES == 200 * 1024


def test_a_template_larger_than_50_kb_is_refused() -> None:
    with pytest.raises(TemplateError, match="at most 50 KB"):
        render_template(_template("x" * (50 * 1024 + 1)), {})


def test_templates_get_plain_values_only(database: Database) -> None:
    _seeded_inquiries(database)
    with database.session(write=False) as session:
        contact = session.scalars(select(Contact)).first()
        with pytest.raises(TypeError, match="plain values only"):
            render_template(_template("{{ journalist.name_zh }}"), {"journalist": contact})


# --- storage -----------------------------------------------------------------------------


def test_create_update_delete_with_version_checks(database: Database) -> None:
    data = {
        "name": "embargo reminder",
        "language": "en",
        "subject": "Embargo: {{ release.title }}",
        "body_text": "Dear {{ journalist.addressee }},\n",
        "body_html": "<p>Dear {{ journalist.addressee }},</p>",
    }
    created = create_template(database, data)
    assert created["version"] == 1
    assert created["label"] == "embargo reminder"
    assert created["suggested_status"] == "answered"
    with pytest.raises(InputRejected, match="already a template"):
        create_template(database, data)

    updated = update_template(
        database, created["id"], {**data, "subject": "Embargo reminder"}, expected_version=1
    )
    assert updated["version"] == 2
    with pytest.raises(TemplateConflict, match="changed by someone else"):
        update_template(database, created["id"], {**data, "subject": "Lost"}, expected_version=1)
    assert get_template(database, created["id"])["subject"] == "Embargo reminder"
    with pytest.raises(TemplateConflict):
        delete_template(database, created["id"], expected_version=1)

    with database.session() as session:
        session.add(SentEmail(template_id=created["id"], subject="kept", body_text="kept"))
    delete_template(database, created["id"], expected_version=2)
    with pytest.raises(InputRejected, match="no template"):
        get_template(database, created["id"])
    with database.session(write=False) as session:
        sent = session.scalars(select(SentEmail)).one()
        assert (sent.template_id, sent.body_text) == (None, "kept")


def test_invalid_templates_are_not_saved(database: Database) -> None:
    good = {"name": "x", "language": "en", "subject": "S", "body_text": "B"}
    cases = [
        ({**good, "body_text": "{% if %}"}, "syntax error"),
        ({**good, "language": "fr"}, "language"),
        ({**good, "name": "  "}, "name"),
        ({**good, "name": "a\nb"}, "single line"),
        ({**good, "subject": ""}, "subject"),
        ({**good, "body_text": "x" * (51 * 1024)}, "at most 50 KB"),
    ]
    for data, message in cases:
        with pytest.raises(InputRejected, match=message):
            create_template(database, data)
    assert _count(database, EmailTemplate) == 0


def test_seeding_again_after_the_record_is_lost_keeps_what_is_there(database: Database) -> None:
    ensure_default_templates(database)
    with database.session() as session:
        session.execute(delete(AppMeta))
    assert ensure_default_templates(database) == []
    assert _count(database, EmailTemplate) == 2 * len(DEFAULT_TEMPLATE_NAMES)
