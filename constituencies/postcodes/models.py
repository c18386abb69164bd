from django.db import models


class Postcode(models.Model):
    """Which Westminster constituency a UK postcode is in, as the ONS postcode lookup
    (NSPL or ONSPD) says; loaded by `manage.py import_postcodes`. Shared by every site.

    A terminated postcode is kept with the month it ended: Royal Mail does not reuse
    them soon, and "no longer in use" is a better answer than "unknown"."""

    # Collation "C" (compare bytes): postcodes and codes are ASCII, and the 2.7 million
    # row import's index inserts and sorts are cheaper than under a language's rules.
    # No index on gss_code: nothing asks for a constituency's postcodes, and keeping a
    # second index in step with random codes slows the import.
    postcode = models.CharField(
        max_length=8, primary_key=True, db_collation="C", help_text='Like "BS5 7AA".'
    )
    gss_code = models.CharField("constituency GSS code", max_length=9, db_collation="C")
    terminated_on = models.DateField(
        null=True, blank=True, help_text="The first day of the month it was terminated."
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gss_code__regex=r"^[ENSW][0-9]{8}$"),
                name="postcode_gss_code_shape",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True)
                    | models.Q(latitude__range=(-90, 90), longitude__range=(-180, 180))
                ),
                name="postcode_position_both_or_neither",
            ),
        ]

    def __str__(self):
        return f"{self.postcode} ({self.gss_code})"

    @property
    def is_terminated(self) -> bool:
        return self.terminated_on is not None
