"""Officers reading who signed up: each list shown, each file exported and each sign-up
opened is announced once (privacy.staff_access), so the audit log keeps who saw whose
details. Mixed into the admin's sign-up views, after their permission checks."""

from labourhub.tenancy import current_tenant
from privacy.staff_access import personal_data_seen, record_of


class AnnounceListAndExport:
    """For the sign-ups' index view: one audit entry per page of the list shown, and one
    per export, naming the event (when the list is of one event) and everyone in it."""

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.is_export:
            people = list(context["object_list"].values_list("email", flat=True))
            action, verb = "signups.exported", "exported"
        else:
            # The page's rows, which the template is about to show: already read.
            people = [signup.email for signup in context["object_list"]]
            action, verb = "signups.listed", "listed"
        event = self._event_filtered()
        what = f"Sign-ups to “{event.title}”" if event else "Sign-ups to every event"
        count = len(people)
        personal_data_seen(
            action,
            f"{what} {verb}: {count} {'person' if count == 1 else 'people'}",
            by=self.request.user,
            record=record_of(event) if event else "signups.EventSignup",
            people=people,
            constituency=current_tenant(),
            event=event.pk if event else None,
            count=count,
            **({"format": self.request.GET.get("export")} if self.is_export else {}),
        )
        return response

    def _event_filtered(self):
        filters = self.filters
        if filters is None or not filters.is_valid():
            return None
        return filters.form.cleaned_data.get("event")


class AnnounceOneSignup:
    """For the views of one sign-up (inspect, and the edit form that names the person)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        signup = self.object
        personal_data_seen(
            "signup.viewed",
            f"Sign-up #{signup.pk} to “{signup.event.title}” viewed",
            by=request.user,
            record=record_of(signup),
            people=[signup.email],
            constituency=current_tenant(),
            event=signup.event_id,
        )
        return response
