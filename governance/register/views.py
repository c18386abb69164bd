"""The register's admin screens: list, add, change and remove entries; officers confirm
they still control an account, central staff check its control code."""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from governance.models import (
    Flag,
    PartyUnit,
    PresenceEntry,
)
from governance.register import flags
from governance.register.control import confirm_control, may_confirm_control, verify_control
from governance.register.entries import (
    RECOMMENDED_CONTROLLERS,
    add_entry,
    change_entry,
    former_controllers,
    remove_entry,
)
from governance.register.forms import (
    ChooseUnitForm,
    ControlCheckForm,
    PresenceEntryForm,
    RegisterFilterForm,
)
from governance.register.holders import group_admin_course, people_of
from governance.register.scope import (
    PER_PAGE,
    GovernanceAdminView,
    NotAllowed,
    get_entry_in_scope,
    get_unit_in_scope,
    require_register_keeper,
)
from governance.register.sign_in_details_seen import sign_in_details_seen
from labourhub.form_errors import apply_validation_error
from membersnet.rulebook.models import hub_url
from roles.models import Appointment


def _officers_by_constituency(constituency_ids) -> dict[int, set[int]]:
    officers = defaultdict(set)
    appointments = Appointment.objects.current().filter(constituency_id__in=constituency_ids)
    for user_id, constituency_id in appointments.values_list("user_id", "constituency_id"):
        officers[constituency_id].add(user_id)
    return officers


def _unit_constituency_ids(unit: PartyUnit) -> list[int]:
    # Reads the prefetched CLPs of a forum; PartyUnit.officer_constituency_ids would
    # query once per unit.
    if unit.kind == PartyUnit.Kind.LCF:
        return [constituency.pk for constituency in unit.constituencies.all()]
    return [unit.constituency_id] if unit.constituency_id else []


def describe_entries(entries: list[PresenceEntry], course=None) -> None:
    """Annotate listed entries with what the list warns about, and who can sign in to
    each (people_of), in a fixed number of queries however many there are."""
    units = {entry.unit_id: entry.unit for entry in entries}
    constituency_ids = {pk for unit in units.values() for pk in _unit_constituency_ids(unit)}
    officers = _officers_by_constituency(constituency_ids)
    review_cutoff = flags.review_cutoff(timezone.localdate())
    for entry in entries:
        officer_ids = set().union(*(officers[pk] for pk in _unit_constituency_ids(entry.unit)))
        entry.former = former_controllers(entry, officer_ids)
        entry.former_ids = {user.pk for user in entry.former}
        entry.too_few_controllers = len(entry.controllers.all()) < RECOMMENDED_CONTROLLERS
        # The same rule as the nightly flag: longer ago than the review period.
        entry.review_due = entry.last_reviewed_on < review_cutoff
    people_of(entries, course)


class RegisterIndexView(GovernanceAdminView):
    template_name = "governance/admin/register_index.html"
    page_title = "Online presence"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = self.scope.entries()
        filters = None
        if self.scope.on_hub:
            filters = RegisterFilterForm(self.request.GET or None)
            entries = filters.filter(entries)
        entries = (
            entries.select_related(
                "unit__constituency", "control_confirmed_by", "control_checked_by"
            )
            .prefetch_related(
                "controllers",
                "other_holders",
                "unit__constituencies",
                Prefetch(
                    "flags",
                    queryset=Flag.objects.filter(resolved_on__isnull=True),
                    to_attr="open_flags",
                ),
            )
            .order_by("unit__kind", "unit__name", "platform", "handle", "pk")
        )
        page = Paginator(entries, PER_PAGE).get_page(self.request.GET.get("p"))
        course = group_admin_course()
        describe_entries(page.object_list, course)
        sign_in_details_seen(self.request.user, self.scope.constituency, page.object_list)
        unit_flags = []
        if not self.scope.on_hub:
            unit_flags = list(
                Flag.objects.filter(
                    unit__in=self.scope.units, entry__isnull=True, resolved_on__isnull=True
                ).select_related("unit")
            )
        context.update(
            page_obj=page,
            filters=filters,
            unit_flags=unit_flags,
            constituency=self.scope.constituency,
            query_string=_without_page(self.request.GET),
            course=course,
            guidelines_url=hub_url("procedure", slug=settings.GROUP_ADMIN_GUIDELINES_SLUG),
            review_months=settings.REGISTER_REVIEW_MONTHS,
            may_confirm=may_confirm_control(self.request.user, self.scope.constituency),
        )
        return context


class ChooseUnitView(GovernanceAdminView):
    """The first step of adding an entry: which unit it is for (skipped when there is
    only one)."""

    template_name = "governance/admin/register_choose_unit.html"
    page_title = "Add to the register"

    def get(self, request):
        require_register_keeper(self.scope)
        units = self.scope.units
        only = list(units[:2])
        if len(only) == 1:
            return redirect("online_presence:add", unit_pk=only[0].pk)
        form = ChooseUnitForm(request.GET if "unit" in request.GET else None, units=units)
        if form.is_bound and form.is_valid():
            return redirect("online_presence:add", unit_pk=form.cleaned_data["unit"].pk)
        return self.render_to_response(self.get_context_data(form=form))


class EntryFormView(GovernanceAdminView):
    template_name = "governance/admin/register_form.html"

    def render_form(self, form, unit, entry=None):
        former = former_controllers(entry) if entry else []
        may_confirm = may_confirm_control(self.request.user, self.scope.constituency)
        return self.render_to_response(
            self.get_context_data(
                form=form, unit=unit, entry=entry, former=former, may_confirm=may_confirm
            )
        )

    def after_saving(self, entry: PresenceEntry, message: str):
        messages.success(self.request, message)
        if entry.controllers.count() < RECOMMENDED_CONTROLLERS:
            messages.warning(
                self.request,
                f"Only one person can sign in to {entry}. Add another officer, so the "
                "account never depends on one person.",
            )
        return redirect("online_presence:index")


class AddEntryView(EntryFormView):
    page_title = "Add to the register"

    def get(self, request, unit_pk):
        unit = get_unit_in_scope(self.scope, unit_pk)
        require_register_keeper(self.scope)
        return self.render_form(PresenceEntryForm(unit=unit), unit)

    def post(self, request, unit_pk):
        unit = get_unit_in_scope(self.scope, unit_pk)
        require_register_keeper(self.scope)
        form = PresenceEntryForm(request.POST, unit=unit)
        if not form.is_valid():
            return self.render_form(form, unit)
        try:
            entry = add_entry(unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.render_form(form, unit)
        return self.after_saving(entry, f"{entry} is on the register of {unit}.")


class EditEntryView(EntryFormView):
    page_title = "Change a register entry"

    def get(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        require_register_keeper(self.scope)
        response = self.render_form(
            PresenceEntryForm(unit=entry.unit, entry=entry), entry.unit, entry
        )
        sign_in_details_seen(
            request.user, self.scope.constituency, [entry], record=f"governance.PresenceEntry:{pk}"
        )
        return response

    def post(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        require_register_keeper(self.scope)
        form = PresenceEntryForm(request.POST, unit=entry.unit, entry=entry)
        if not form.is_valid():
            return self.render_form(form, entry.unit, entry)
        try:
            changed = change_entry(entry, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.render_form(form, entry.unit, entry)
        entry.refresh_from_db()
        if not changed:
            messages.info(request, f"Nothing changed in {entry}.")
            return redirect("online_presence:index")
        return self.after_saving(entry, f"{entry} is updated.")


class RemoveEntryView(GovernanceAdminView):
    template_name = "governance/admin/register_remove.html"
    page_title = "Remove from the register"

    def get(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        require_register_keeper(self.scope)
        return self.render_to_response(self.get_context_data(entry=entry))

    def post(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        require_register_keeper(self.scope)
        name = str(entry)
        remove_entry(entry, actor=request.user)
        messages.success(request, f"{name} is no longer on the register.")
        return redirect("online_presence:index")


class ConfirmControlView(GovernanceAdminView):
    """POST only: a designated administrator of the CLP confirms, today, that its
    officers still control the account."""

    http_method_names = ["post"]

    def post(self, request, pk):
        entry = get_entry_in_scope(self.scope, pk)
        if not may_confirm_control(request.user, self.scope.constituency):
            raise NotAllowed(
                "Only the CLP's Secretary or Social Media Officer can confirm its officers "
                "control an account. Central staff check the control code instead."
            )
        confirm_control(entry, by=request.user, constituency=self.scope.constituency)
        messages.success(request, f"You confirmed the officers control {entry}, today.")
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("online_presence:index")


class CheckControlView(GovernanceAdminView):
    """Central staff open the account themselves and record whether its control code
    is in its bio or a pinned post."""

    template_name = "governance/admin/register_check.html"
    page_title = "Check the control code"

    def _entry(self, pk):
        if not self.scope.on_hub:
            raise NotAllowed("Central staff check control codes, from the hub's admin.")
        return get_entry_in_scope(self.scope, pk)

    def get(self, request, pk):
        entry = self._entry(pk)
        return self.render_to_response(self.get_context_data(entry=entry, form=ControlCheckForm()))

    def post(self, request, pk):
        entry = self._entry(pk)
        form = ControlCheckForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(entry=entry, form=form))
        verify_control(
            entry, by=request.user, found=form.cleaned_data["found"], note=form.cleaned_data["note"]
        )
        if form.cleaned_data["found"]:
            messages.success(request, f"Recorded: the control code is on {entry}, today.")
        else:
            messages.warning(request, f"Recorded: the control code is not on {entry}, today.")
        return redirect("online_presence:index")


def _without_page(query) -> str:
    query = query.copy()
    query.pop("p", None)
    return query.urlencode()
