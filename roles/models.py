from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Role(models.TextChoices):
    SECRETARY = "secretary", "Secretary"
    SOCIAL_MEDIA_OFFICER = "social_media_officer", "Social Media Officer"
    EDITOR = "editor", "Editor"


DESIGNATED_ADMINISTRATOR_ROLES = (Role.SECRETARY, Role.SOCIAL_MEDIA_OFFICER)

# The group that may publish on a constituency's site: officers and editors join it once
# they have completed the required course.
PUBLISHER = "publisher"
GROUP_KINDS = [*Role.choices, (PUBLISHER, "Publisher (trained)")]


class AppointmentQuerySet(models.QuerySet):
    def current(self, on=None):
        """Appointments in force on `on` (today by default). `starts_on` is the first
        day in office and `ends_on` the first day out of it, so an appointment ended
        today stops counting at once."""
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on))

    def for_constituency(self, constituency):
        return self.filter(constituency=constituency)


class Appointment(models.Model):
    """One person holding one role for one constituency, from a start date to an
    optional end date. Granted by central staff (editors, later, by a CLP's
    designated administrators). Ending an appointment keeps the row as history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appointments"
    )
    constituency = models.ForeignKey(
        "constituencies.Constituency",
        on_delete=models.CASCADE,
        related_name="appointments",
        limit_choices_to={"kind": "constituency"},
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(
        null=True,
        blank=True,
        help_text="The first day they no longer hold the role. Leave empty if not yet known.",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    membership_exception = models.TextField(
        blank=True,
        help_text="Why they hold office without being a current member of this "
        "constituency's party. Empty for a member.",
    )
    end_announced_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the rest of the platform was told this appointment ends (the day "
        "it was ended early, or the morning of its end date).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["constituency__name", "role", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="appointment_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.constituency}"

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on > on)

    def period(self, on=None) -> str:
        """When they hold (held, will hold) the role, in words to follow a comma or
        `capfirst`. `ends_on` is the first day out of office, so an appointment ended
        today reads "ended today", never "4 Dec to 4 Dec"."""
        on = on or timezone.localdate()
        starts = f"{self.starts_on:%-d %B %Y}"
        if self.ends_on is not None and self.ends_on <= on:
            ended = "ended today" if self.ends_on == on else f"ended {self.ends_on:%-d %B %Y}"
            return ended if self.ends_on == self.starts_on else f"from {starts}, {ended}"
        if self.starts_on > on:
            return f"from {starts}" + (f" until {self.ends_on:%-d %B %Y}" if self.ends_on else "")
        return f"since {starts}" + (f", ends {self.ends_on:%-d %B %Y}" if self.ends_on else "")

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "An appointment cannot end before it starts."})
        if self.constituency_id and not self.constituency.is_site:
            raise ValidationError({"constituency": "Appointments are to constituencies."})
        if self.user_id and self.constituency_id and self.role and self.starts_on:
            overlapping = Appointment.objects.filter(
                user_id=self.user_id, constituency_id=self.constituency_id, role=self.role
            ).exclude(pk=self.pk)
            overlapping = overlapping.filter(
                Q(ends_on__isnull=True) | Q(ends_on__gt=self.starts_on)
            )
            if self.ends_on:
                overlapping = overlapping.filter(starts_on__lt=self.ends_on)
            if overlapping.exists():
                raise ValidationError(
                    "This person already holds that role for this constituency in that period."
                )


class ConstituencyGroup(models.Model):
    """The Django group that carries one role's rights on one constituency's site.

    Groups are global in Django, so each constituency gets its own: its page and
    collection permissions live in that constituency's schema, and the role backend
    only counts a group's model permissions on its own constituency's site. Besides one
    group per role there is a "publisher" group, the only one that may publish: its
    members are the officers and editors who have completed the required course.
    """

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="constituency_role")
    constituency = models.ForeignKey(
        "constituencies.Constituency", on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(max_length=32, choices=GROUP_KINDS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["constituency", "role"], name="one_group_per_role"),
        ]

    def __str__(self):
        return self.group.name
