"""`{% error_summary form %}` and `{{ field|field_errors }}`: form errors phrased by
labourhub.form_errors, for every form's templates alike."""

from django import template

from labourhub import form_errors

register = template.Library()


@register.inclusion_tag("includes/error_summary.html")
def error_summary(form):
    return {"items": form_errors.error_summary(form) if form is not None and form.errors else []}


@register.filter
def field_errors(field):
    return form_errors.field_errors(field)


@register.filter
def field_anchor(field):
    return form_errors.field_anchor(field)
