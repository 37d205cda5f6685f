"""Staff at work in the admin, as real users of each role, through the test client."""

import io
from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from correspondence.models import Letter
from grants.models import Award, AwardFigure
from jurisdictions.models import Jurisdiction
from review.jurisdictions import jurisdictions
from review.models import Status
from tests.admin_forms import form_data
from tests.factories import (
    CitationFactory,
    JurisdictionFactory,
    LetterFactory,
    ProgramFactory,
    ReviewRoundFactory,
    SourceFactory,
    first_review,
)

pytestmark = pytest.mark.django_db
CITATIONS = "sanctuary_tracker-citation-content_type-object_id"


@pytest.fixture
def roles() -> None:
    call_command("setup_roles", verbosity=0)
    first_review()  # the open campaign a new letter's form starts in


def member(name: str, group: str) -> Client:
    user = User.objects.create_user(name, password=f"pw-{name}-123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(roles) -> Client:
    return member("editor", "Editors")


@pytest.fixture
def second_editor(roles) -> Client:
    return member("checker", "Editors")


@pytest.fixture
def viewer(roles) -> Client:
    return member("viewer", "Viewers")


def add_letter(client: Client, jurisdiction: Jurisdiction, **fields) -> Letter:
    url = reverse("admin:correspondence_letter_add")
    data = form_data(
        client,
        url,
        {"jurisdiction": jurisdiction.pk, "kind": "document_demand",
         "direction": "to_jurisdiction", "sent_on": "2018-01-24", "due_on": "2018-02-23",
         "date_precision": "day", "threatens_subpoena": "on"} | fields,
        {CITATIONS: [{"source": SourceFactory().pk, "quote": "will be subpoenaed"}]},
    )  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Letter.objects.latest("pk")


# Roles


def test_setup_roles_is_idempotent(roles):
    before = {g.name: set(g.permissions.values_list("codename", flat=True))
              for g in Group.objects.all()}  # fmt: skip
    call_command("setup_roles", verbosity=0)
    after = {g.name: set(g.permissions.values_list("codename", flat=True))
             for g in Group.objects.all()}  # fmt: skip
    assert before == after
    assert "add_letter" in after["Editors"] and "add_letter" not in after["Viewers"]
    assert "view_letter" in after["Viewers"]


def test_a_viewer_can_read_but_not_change_anything(viewer):
    letter = LetterFactory()
    change = reverse("admin:correspondence_letter_change", args=[letter.pk])
    assert viewer.get(change).status_code == 200
    response = viewer.post(change, {"summary": "changed by a viewer"})
    assert response.status_code == 403
    assert viewer.get(reverse("admin:correspondence_letter_add")).status_code == 403
    assert viewer.get(reverse("admin:correspondence_letter_import")).status_code == 403
    letter.refresh_from_db()
    assert letter.summary == ""


def test_an_editor_cannot_reach_user_management(editor):
    assert editor.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert (
        "auth"
        not in editor.get(reverse("admin:index")).content.decode().split("app-")[1:2]
    )


def test_an_editor_cannot_delete_a_published_record_but_can_delete_a_draft(editor):
    published = LetterFactory()
    draft = LetterFactory(verified_at=None)
    published_delete = reverse(
        "admin:correspondence_letter_delete", args=[published.pk]
    )
    assert editor.get(published_delete).status_code == 403
    draft_delete = reverse("admin:correspondence_letter_delete", args=[draft.pk])
    assert editor.post(draft_delete, {"post": "yes"}).status_code == 302
    assert list(Letter.objects.all()) == [published]


# Entering a letter


def test_a_round_fills_in_the_letter_and_save_and_add_another_keeps_it(editor):
    review_round = ReviewRoundFactory(
        signer="Jon Adler", demand="any orders, directives"
    )
    place = JurisdictionFactory()
    add_url = reverse("admin:correspondence_letter_add")
    page = editor.get(add_url, {"round": review_round.pk})
    initial = page.context["adminform"].form.initial
    assert initial["signer"] == "Jon Adler"
    assert initial["due_on"] == review_round.due_on
    data = form_data(editor, add_url, {"jurisdiction": place.pk, "round": review_round.pk,
                                       "sent_on": "", "due_on": "", "signer": "",
                                       "_addanother": "1"},
                     {CITATIONS: [{"source": SourceFactory().pk, "quote": "q"}]})  # fmt: skip
    response = editor.post(add_url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{add_url}?round={review_round.pk}"
    letter = Letter.objects.get()
    assert (letter.sent_on, letter.due_on, letter.signer) == (
        review_round.sent_on,
        review_round.due_on,
        "Jon Adler",
    )
    defaults = editor.get(
        reverse("admin:correspondence_letter_round_defaults", args=[review_round.pk])
    ).json()
    assert defaults["demanded"] == "any orders, directives"


def test_pdf_uploads_are_checked_and_stored_under_a_generated_name(
    editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    place = JurisdictionFactory()
    url = reverse("admin:correspondence_letter_add")
    fake = SimpleUploadedFile(
        "letter.pdf", b"<html>not a pdf</html>", "application/pdf"
    )
    data = form_data(editor, url, {"jurisdiction": place.pk, "kind": "document_demand",
                                   "sent_on": "2018-01-24", "document_file": fake})  # fmt: skip
    response = editor.post(url, data)
    assert response.context["adminform"].form.errors["document_file"] == [
        "This is not a PDF file (it does not start with %PDF-)."
    ]
    real = SimpleUploadedFile(
        "../../etc/passwd.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"
    )
    data = form_data(editor, url, {"jurisdiction": place.pk, "kind": "document_demand",
                                   "sent_on": "2018-01-24", "document_file": real},
                     {CITATIONS: [{"source": SourceFactory().pk}]})  # fmt: skip
    assert editor.post(url, data).status_code == 302
    stored = Letter.objects.get().document_file.name
    assert stored.startswith("letters/") and stored.endswith(".pdf")
    assert "passwd" not in stored


def test_a_duplicate_letter_is_refused_on_entry(editor):
    existing = LetterFactory()
    url = reverse("admin:correspondence_letter_add")
    data = form_data(editor, url, {"jurisdiction": existing.jurisdiction.pk,
                                   "kind": existing.kind, "sent_on": "2018-01-24"})  # fmt: skip
    response = editor.post(url, data)
    errors = response.context["adminform"].form.non_field_errors()
    assert errors and "already recorded" in errors[0]
    assert Letter.objects.count() == 1


# History, reasons and conflicts


def test_history_shows_who_changed_which_field_from_what_to_what(editor):
    letter = add_letter(editor, JurisdictionFactory())
    change = reverse("admin:correspondence_letter_change", args=[letter.pk])
    data = form_data(editor, change, {"summary": "Demands documents."})
    assert editor.post(change, data).status_code == 302
    history = editor.get(
        reverse("admin:correspondence_letter_history", args=[letter.pk])
    )
    page = history.content.decode()
    assert "editor" in page
    assert "Demands documents." in page
    assert letter.history.count() == 2


def test_editing_a_published_record_needs_a_reason_which_history_keeps(editor):
    letter = LetterFactory()
    CitationFactory(record=letter)
    change = reverse("admin:correspondence_letter_change", args=[letter.pk])
    data = form_data(editor, change, {"summary": "Corrected."})
    response = editor.post(change, data)
    assert response.context["adminform"].form.errors["change_reason"] == [
        "This record is published: say why you are changing it."
    ]
    data["change_reason"] = "The source gives the wrong date"
    assert editor.post(change, data).status_code == 302
    assert (
        letter.history.latest().history_change_reason
        == "The source gives the wrong date"
    )


def test_a_stale_edit_is_refused_and_the_first_edit_kept(editor, second_editor):
    letter = add_letter(editor, JurisdictionFactory())
    change = reverse("admin:correspondence_letter_change", args=[letter.pk])
    first = form_data(editor, change, {"summary": "First editor's summary."})
    second = form_data(second_editor, change, {"summary": "Second editor's summary."})
    assert editor.post(change, first).status_code == 302
    response = second_editor.post(change, second)
    assert response.status_code == 200
    message = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Someone else saved this record after you opened it" in message
    assert "First editor's summary." in message
    letter.refresh_from_db()
    assert letter.summary == "First editor's summary."


# Deadlines


def test_deadline_filters_and_the_admin_front_page(editor):
    today = timezone.localdate()
    overdue = LetterFactory(sent_on=date(2018, 1, 24), due_on=date(2018, 2, 23))
    soon = LetterFactory(sent_on=today, due_on=today.replace(day=today.day))
    answered = LetterFactory(sent_on=date(2018, 1, 24), due_on=date(2018, 2, 23))
    LetterFactory(jurisdiction=answered.jurisdiction, kind="response",
                  direction="from_jurisdiction", in_reply_to=answered,
                  sent_on=date(2018, 2, 20), due_on=None)  # fmt: skip
    url = reverse("admin:correspondence_letter_changelist")

    def listed(value: str) -> set[int]:
        return {
            r.pk for r in editor.get(url, {"deadline": value}).context["cl"].result_list
        }

    assert listed("overdue") == {overdue.pk}
    assert listed("week") == {soon.pk}
    assert listed("answered") == {answered.pk}
    front = editor.get(reverse("admin:index")).content.decode()
    assert 'id="deadlines"' in front
    assert str(overdue) in front and str(soon) in front


# Bulk import

HEADER = "jurisdiction,round,kind,direction,sent_on,due_on,summary,source_url,source_publisher,source_title,source_quote,campaign\n"


def import_file(client: Client, text: str, name: str = "letters.csv"):
    url = reverse("admin:correspondence_letter_import")
    upload = SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")
    return client.post(url, {"import_file": upload, "format": "0",
                             "resource": "0"})  # fmt: skip


def test_an_import_with_one_bad_row_saves_nothing_and_reports_the_row(editor):
    JurisdictionFactory(slug="chicago")
    ReviewRoundFactory(slug="2018-01-24")
    text = HEADER + (
        "chicago,2018-01-24,document_demand,to_jurisdiction,2018-01-24,2018-02-23,ok,"
        "https://example.org/a,Example,Title,quote,\n"
        "chicago,2018-01-24,response,to_jurisdiction,2018-02-23,,bad,"
        "https://example.org/a,,,,\n"
        "atlantis,,document_demand,to_jurisdiction,2018-13-45,,bad,,,,,\n"
    )
    response = import_file(editor, text)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(invalid) == {2, 3}
    assert "kind" in invalid[2]
    assert {"jurisdiction", "sent_on", "source_url"} <= set(invalid[3])
    assert "confirm" not in response.context
    assert not Letter.objects.exists()


def test_a_good_import_saves_every_row_with_history(editor):
    JurisdictionFactory(slug="chicago")
    JurisdictionFactory(slug="denver")
    text = HEADER + (
        "chicago,,document_demand,to_jurisdiction,2018-01-24,2018-02-23,one,"
        "https://example.org/new,Example News,A new article,quote one,doj-1373-review\n"
        "denver,,document_demand,to_jurisdiction,2018-01-24,2018-02-23,two,"
        "https://example.org/new,,,quote two,doj-1373-review\n"
    )
    preview = import_file(editor, text)
    assert not preview.context["result"].has_errors()
    assert [row.import_type for row in preview.context["result"].rows] == ["new", "new"]
    assert not Letter.objects.exists(), "the preview is a dry run"
    confirm = preview.context["confirm_form"]
    response = editor.post(reverse("admin:correspondence_letter_process_import"),
                           confirm.initial)  # fmt: skip
    assert response.status_code == 302
    letters = Letter.objects.order_by("summary")
    assert [letter.summary for letter in letters] == ["one", "two"]
    assert all(letter.history.count() == 1 for letter in letters)
    assert all(
        letter.citations.get().source.title == "A new article" for letter in letters
    )
    assert all(letter.verified_at is None for letter in letters), "imports are drafts"


def test_an_import_repeating_a_letter_is_refused_as_a_duplicate(editor):
    existing = LetterFactory(jurisdiction__slug="chicago")
    text = HEADER + (
        f"chicago,,{existing.kind},to_jurisdiction,{existing.sent_on},,again,"
        "https://example.org/a,Example,Title,q,doj-1373-review\n"
    )
    result = import_file(editor, text).context["result"]
    assert result.has_validation_errors()
    assert "already recorded" in str(result.invalid_rows[0].error_dict)


def test_award_figures_import_creates_the_award_once(editor):
    ProgramFactory()
    JurisdictionFactory(slug="jackson")
    text = (
        "recipient,program,fiscal_year,kind,amount,qualifier,as_reported,source_url,"
        "source_publisher,source_title\n"
        'jackson,byrne-jag,2016,award,260499,exact,"$260,499",https://example.org/c,'
        "Clarion Ledger,Jackson grant\n"
        "jackson,byrne-jag,2016,allocation,-5,exact,,https://example.org/c,,\n"
    )
    url = reverse("admin:grants_awardfigure_import")
    upload = SimpleUploadedFile("awards.csv", text.encode(), "text/csv")
    response = editor.post(url, {"import_file": upload, "format": "0", "resource": "0"})
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert "amount" in result.invalid_rows[0].error_dict
    assert not Award.objects.exists() and not AwardFigure.objects.exists()


# The review gate


def test_a_draft_letter_stays_off_the_public_pages_until_a_second_person_verifies_it(
    editor, second_editor, client
):
    place = JurisdictionFactory(name="Draftsville", slug="draftsville")
    letter = add_letter(editor, place)
    public_list = reverse("correspondence:list")
    export = reverse("correspondence:export", args=["csv"])
    assert letter.pk not in {
        obj.pk for obj in client.get(public_list).context["object_list"]
    }
    assert (
        f"\r\n{letter.pk},"
        not in b"".join(client.get(export).streaming_content).decode()
    )
    assert client.get(letter.get_absolute_url()).status_code == 404
    assert (
        jurisdictions().with_status().get(pk=place.pk).status
        == Status.NO_RECORDED_EVENT
    )

    changelist = reverse("admin:correspondence_letter_changelist")
    action = {"action": "verify_selected", "_selected_action": [letter.pk]}
    refused = editor.post(changelist, action, follow=True)
    assert "another staff member must verify it" in refused.content.decode()
    letter.refresh_from_db()
    assert letter.verified_at is None

    second_editor.post(changelist, action)
    letter.refresh_from_db()
    assert letter.verified_at is not None
    assert letter.verified_by.username == "checker"
    assert letter.pk in {
        obj.pk for obj in client.get(public_list).context["object_list"]
    }
    assert (
        f"\r\n{letter.pk}," in b"".join(client.get(export).streaming_content).decode()
    )
    assert jurisdictions().with_status().get(pk=place.pk).status == (
        Status.SUBPOENA_THREATENED
    )


def test_staff_see_drafts_marked(editor):
    LetterFactory(verified_at=None, summary="a draft")
    page = editor.get(
        reverse("admin:correspondence_letter_changelist"), {"review": "draft"}
    )
    assert "DRAFT" in page.content.decode()
    assert page.context["cl"].result_count == 1


def test_loaded_records_count_as_verified():
    call_command("load_review_data", verbosity=0)
    assert not Letter.objects.drafts().exists()
    assert Letter.objects.published().count() == Letter.objects.count()


def test_xlsx_import_is_accepted(editor):
    from openpyxl import Workbook

    JurisdictionFactory(slug="chicago")
    book = Workbook()
    sheet = book.active
    for line in (HEADER + "chicago,,document_demand,to_jurisdiction,2018-01-24,2018-02-23,"
                 "x,https://example.org/x,Ex,T,q\n").splitlines():  # fmt: skip
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("letters.xlsx", buffer.getvalue())
    response = editor.post(reverse("admin:correspondence_letter_import"),
                           {"import_file": upload, "format": "1", "resource": "0"})  # fmt: skip
    assert not response.context["result"].has_errors()


def test_a_new_record_needs_a_source(editor):
    url = reverse("admin:correspondence_letter_add")
    data = form_data(editor, url, {"jurisdiction": JurisdictionFactory().pk,
                                   "kind": "document_demand", "sent_on": "2018-01-24"})  # fmt: skip
    response = editor.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        "Add at least one source: every fact needs one."
    ]
    assert not Letter.objects.exists()
