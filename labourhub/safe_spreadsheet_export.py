"""Every spreadsheet the admin exports (CSV or Excel) is written here, so that text a
visitor, a member or an officer typed stays text when staff open the file.

A cell starting with "=", "+", "-" or "@" is a formula to Excel, LibreOffice and Google
Sheets ("=HYPERLINK(...)" in a name is a link that can leak the sheet's data), and a tab
or carriage return at the start lets one through after the spreadsheet trims it. Such a
cell is written with a leading single quote, which spreadsheets read as "this is text".
Excel exports get the same treatment: a text cell is only safe until someone edits it."""

import csv

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as a spreadsheet will show it, never run it: text that would start a
    formula gets a leading quote; numbers, dates and empty cells are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    return value


class SafeDictWriter(csv.DictWriter):
    """csv.DictWriter that neutralises every cell it writes."""

    def writerow(self, rowdict):
        return super().writerow({field: safe_cell(value) for field, value in rowdict.items()})


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV and Excel export, with every cell passed through safe_cell. Every
    admin view that exports uses it (our viewsets' index views, and Wagtail's reports
    re-served by labourhub.wagtail_exports); tests/platform walks the admin to check."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        writer = SafeDictWriter(_Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))


class _Echo:
    """A file that hands back what is written to it, for streaming a CSV line by line."""

    def write(self, value):
        return value.encode("utf-8")
