"""Sources in the admin, and what every domain admin shares: sources inline, full
history, a review gate (draft until a second staff member verifies), and refusal of
edits made from a stale copy."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.contenttypes.admin import GenericStackedInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import ValidationError
from django.db.models import ForeignKey, QuerySet
from django.db.models.fields import BLANK_CHOICE_DASH
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from .models import RECORD_KEEPING, Citation, Source
from .services import describe_changes_since, record_verify

admin.site.site_header = "Sanctuary Review Tracker: staff"
admin.site.site_title = "Sanctuary Review Tracker"
admin.site.index_title = "Records"


class AutocompleteSelectWithBlank(AutocompleteSelect):
    """Django's autocomplete select, whose empty choice is always there and says
    "---------": HTML wants a required select's first option empty, and no option
    without words (the box shows its own empty placeholder over it)."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        options = groups[0][1]
        if options and options[0]["value"] == "":
            options[0]["label"] = BLANK_CHOICE_DASH[0][1]
        else:
            options.insert(
                0, self.create_option(name, "", BLANK_CHOICE_DASH[0][1], False, 0)
            )
        return groups


class BlankChoiceAutocompleteMixin:
    """Autocomplete fields with `AutocompleteSelectWithBlank`, on an admin or inline."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs
    ):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = AutocompleteSelectWithBlank(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CitationFormSet(BaseGenericInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("source") and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError("Add at least one source: every fact needs one.")


class CitationInline(BlankChoiceAutocompleteMixin, GenericStackedInline):
    """The sources of a record, editable on the record's own page; one is required.

    Stacked, not tabular: a quote's box beside a source's title made a record's page
    wider than a 1,280-pixel window, and a table's cells have no place for the help
    text that each field's `aria-describedby` names.
    """

    model = Citation
    formset = CitationFormSet
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "quote", "pinpoint"]
    verbose_name = "source"
    verbose_name_plural = "Sources (every fact needs at least one)"


class ReadOnlyInline(admin.TabularInline):
    """Child records listed on the parent's page, each edited on its own page (where
    its sources, history, version check and review state apply)."""

    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class SafeImportMixin(ImportMixin):
    """Imports that only ever add drafts, all or nothing, even at the confirm step."""

    def get_import_data_kwargs(self, **kwargs) -> dict:
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_result(self, result, request: HttpRequest):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                "Nothing was imported: some rows are no longer valid (the data changed "
                "since the preview). Import the file again to see which.",
                messages.ERROR,
            )
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_import"
            return HttpResponseRedirect(reverse(name))
        return super().process_result(result, request)


class UnlabelledHiddenInput(forms.HiddenInput):
    """A hidden input its label does not point at: a label's `for` must name a control
    a person can see (the admin writes a label for every field of a fieldset)."""

    def id_for_label(self, id_: str) -> str:
        return ""


class TrackedForm(forms.ModelForm):
    """Adds the version the editor loaded, and a reason when a published record changes."""

    loaded_version = forms.IntegerField(widget=UnlabelledHiddenInput, required=False)
    change_reason = forms.CharField(
        required=False,
        max_length=100,
        label="Reason for this change",
        help_text="Required when changing a published record; kept in its history.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_version"].required = True
            self.fields["loaded_version"].error_messages["required"] = (
                "This form is missing the version it was loaded from: reload the page."
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        instance = self.instance
        if not instance.pk:
            return cleaned
        loaded = cleaned.get("loaded_version")
        # Locks the row until this request's transaction ends (PostgreSQL), so two
        # saves cannot both pass the check.
        current = (
            type(instance)
            ._default_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if loaded is not None and current is not None and loaded != current:
            raise ValidationError(
                "Someone else saved this record after you opened it, so your changes were "
                "not saved (nothing was overwritten). "
                + describe_changes_since(instance, loaded)
                + " Reload the page to see the current version, then make your change again."
            )
        if (
            instance.verified_at
            and self.has_changed()
            and not cleaned.get("change_reason")
        ):
            self.add_error(
                "change_reason",
                "This record is published: say why you are changing it.",
            )
        return cleaned


class ReviewStateFilter(admin.SimpleListFilter):
    title = "review state"
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("draft", "Draft (not public)"), ("published", "Published")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "draft":
            return queryset.drafts()
        if self.value() == "published":
            return queryset.published()
        return queryset


class TrackedAdmin(BlankChoiceAutocompleteMixin, SimpleHistoryAdmin):
    """Sources inline, history with diffs, read-only record fields, the review gate."""

    form = TrackedForm
    inlines = [CitationInline]
    list_per_page = 50
    actions = ["verify_selected"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), *RECORD_KEEPING]

    def get_list_display(self, request: HttpRequest) -> list:
        return [*super().get_list_display(request), "review_state"]

    def get_list_filter(self, request: HttpRequest) -> list:
        return [ReviewStateFilter, *super().get_list_filter(request)]

    @admin.display(description="review", ordering="verified_at")
    def review_state(self, obj) -> str:
        return "published" if obj.verified_at else "DRAFT"

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        reason = form.cleaned_data.get("change_reason") if form else ""
        obj._change_reason = reason or (
            "Changed in the admin" if change else "Created in the admin"
        )
        super().save_model(request, obj, form, change)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context=None,
    ):
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET" and obj.verified_at is None:
            messages.warning(
                request,
                "Draft: hidden from the public site and exports until another staff "
                "member verifies it (select it in the list, then “Verify”).",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(
        description="Verify (publish) the selected records", permissions=["change"]
    )
    def verify_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = 0
        for record in queryset:
            try:
                record_verify(record=record, user=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
        if done:
            self.message_user(request, f"{done} record(s) verified and published.")

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Published records are the public record: only a superuser may delete one.
        if obj is not None and obj.verified_at and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["publisher", "title", "published_on", "url", "note"]
    list_filter = ["publisher"]
    search_fields = ["publisher", "title", "url"]
    readonly_fields = ["created_at", "updated_at", "data_key", "loaded_at"]
    date_hierarchy = "published_on"


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    """Read-only for staff: a record's sources are edited on the record's own page."""

    list_display = ["source", "content_type", "object_id", "quote"]
    list_filter = ["content_type"]
    search_fields = ["quote", "source__title", "source__publisher"]
    list_select_related = ["source", "content_type"]
    autocomplete_fields = ["source"]
    readonly_fields = ["created_at"]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser
