"""The disputes team's screens in the hub's admin: the cases, each case's page and the
forms that work it, and the evidence files. Central staff outside the team see the list
and each case's summary; the evidence, the notes and the member only the team sees.
Referring a report (officers in their CLP's admin, central staff on the hub) is in
governance.disputes.referral_views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from governance import audit
from governance.disputes import casework, evidence
from governance.disputes.forms import (
    CaseFilterForm,
    CaseStateForm,
    EvidenceForm,
    MemberForm,
    ReleaseForm,
)
from governance.disputes.team import is_disputes_team
from governance.models import AuditEvent, CaseEvidence, DisputeCase
from governance.register.entries import look_up
from governance.register.scope import PER_PAGE, GovernanceAdminView, NotAllowed
from labourhub.form_errors import apply_validation_error
from labourhub.tenancy import on_hub
from membersnet.private_files import serve_private_file


class DisputesAdminView(GovernanceAdminView):
    """The hub's only: central staff see, the disputes team works. Refusals say why."""

    header_icon = "warning"
    index_url_name = "disputes:index"
    index_label = "Disputes cases"

    def dispatch(self, request, *args, **kwargs):
        if not on_hub():
            raise Http404("Disputes cases are worked on the hub.")
        self.in_team = is_disputes_team(request.user)
        return super().dispatch(request, *args, **kwargs)

    def require_team(self):
        if not self.in_team:
            raise NotAllowed(
                "Only the disputes team works a case and sees its evidence. Central staff "
                "join it in the Users admin (the “Disputes team” group)."
            )

    def get_context_data(self, **kwargs):
        return super().get_context_data(in_team=self.in_team, **kwargs)


class CaseIndexView(DisputesAdminView):
    template_name = "governance/admin/dispute_index.html"
    page_title = "Disputes cases"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = CaseFilterForm(self.request.GET or None)
        cases = filters.filter(DisputeCase.objects.all())
        cases = cases.select_related("unit__constituency", "referred_by").order_by(
            "-referred_at", "-pk"
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            filters=filters,
            page_obj=Paginator(cases, PER_PAGE).get_page(self.request.GET.get("p")),
            query_string=query.urlencode(),
        )
        return context


def register_history(case: DisputeCase):
    """The register's audit events about the entries that matched the account when it
    was referred, and those that match it now."""
    ids = set(case.register_entry_ids) | {entry.pk for entry in look_up(case.account)}
    return (
        AuditEvent.objects.filter(action__startswith="register.", details__entry__in=sorted(ids))
        .select_related("actor", "unit")
        .order_by("at", "pk")
        if ids
        else AuditEvent.objects.none()
    )


class CaseDetailView(DisputesAdminView):
    """A case: its summary for central staff; for the disputes team, everything, and the
    forms that work it. Each form posts to its own view, which renders this page again
    (with what was typed) when the input is refused."""

    template_name = "governance/admin/dispute_detail.html"

    def get_page_title(self):
        return f"Case #{self.case.pk}"

    def load_case(self, pk):
        self.case = get_object_or_404(
            DisputeCase.objects.select_related(
                "unit__constituency",
                "referred_by",
                "referred_by_constituency",
                "member__constituency",
            ),
            pk=pk,
        )

    def get(self, request, pk):
        self.load_case(pk)
        return self.render_case()

    def render_case(self, status=200, **forms):
        case = self.case
        context = {"case": case, "reports": case.reports.select_related("unit").order_by("pk")}
        if self.in_team:
            if case.member:
                _audit_member_seen(self.request.user, case)
            context.update(
                history=case.history.select_related("actor"),
                evidence=case.evidence.all(),
                register_history=register_history(case),
                state_form=forms.get("state_form") or self.state_form(),
                evidence_form=forms.get("evidence_form") or EvidenceForm(),
                member_form=forms.get("member_form")
                or MemberForm(case=case, initial={"member": case.member_id}),
                release_form=forms.get("release_form") or ReleaseForm(),
            )
        else:
            context["history"] = case.history.filter(kind__in=["referred", "state"])
        return self.render_to_response(self.get_context_data(**context), status=status)

    def state_form(self, data=None):
        return CaseStateForm(
            data,
            choices=casework.next_states(self.case),
            initial={"seen_state": self.case.state},
        )


def _audit_member_seen(user, case) -> None:
    """The member a case holds responsible is the most sensitive record the hub shows:
    each look by the disputes team is kept. The audit log is all central staff's, not
    only the team's, so, as when the member was linked, it names the case, never them."""
    audit.record(
        "dispute.member_viewed",
        f"Member responsible in case #{case.pk} viewed",
        actor=user,
        constituency=case.member.constituency,
        unit=case.unit,
        record=f"{case._meta.label}:{case.pk}",
        case=case.pk,
    )


class CaseActionView(CaseDetailView):
    """A form of the case's page, posted by the disputes team."""

    http_method_names = ["post"]

    def post(self, request, pk):
        self.require_team()
        self.load_case(pk)
        form = self.bound_form(request)
        if form.is_valid():
            try:
                done = self.act(form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, done)
                return redirect("disputes:detail", pk=self.case.pk)
        messages.error(request, "Nothing was changed: see why below.")
        self.case.refresh_from_db()
        return self.render_case(status=400, **{self.form_name: form})


class CaseStateView(CaseActionView):
    form_name = "state_form"

    def bound_form(self, request):
        return self.state_form(request.POST)

    def act(self, data):
        case = casework.change_case_state(
            self.case,
            data["to_state"],
            actor=self.request.user,
            note=data["note"],
            seen_state=data["seen_state"],
        )
        return f"Case #{case.pk} is now “{case.get_state_display()}”."


class CaseEvidenceView(CaseActionView):
    form_name = "evidence_form"

    def bound_form(self, request):
        return EvidenceForm(request.POST, request.FILES)

    def act(self, data):
        evidence.add_screenshot(
            self.case, data["image"], actor=self.request.user, description=data["description"]
        )
        return "Screenshot added to the case's evidence."


class CaseMemberView(CaseActionView):
    form_name = "member_form"

    def bound_form(self, request):
        return MemberForm(request.POST, case=self.case)

    def act(self, data):
        casework.link_member(self.case, data["member"], actor=self.request.user)
        if data["member"] is None:
            return "No member is linked to the case now."
        return "Member linked. Their name stays withheld from the officers until you release it."


class CaseReleaseView(CaseActionView):
    form_name = "release_form"

    def bound_form(self, request):
        return ReleaseForm(request.POST)

    def act(self, data):
        casework.release_name(self.case, actor=self.request.user)
        return "The member's name is now shown to the CLP's officers."


class EvidenceFileView(DisputesAdminView):
    """A screenshot, to the disputes team only."""

    def get(self, request, pk, evidence_pk):
        self.require_team()
        item = get_object_or_404(CaseEvidence, case_id=pk, pk=evidence_pk)
        response = serve_private_file(request, item.image)
        response["X-Content-Type-Options"] = "nosniff"
        return response
