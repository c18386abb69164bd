"""The publicity kit of a key event, in its constituency's admin (/admin/publicity/<id>/):
share text per network, the share card, the short link and its QR code, and the
checklist. And the short link itself, public on the site (/e/<id>/)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from constituencies.website.models import EventPage, SiteSettings
from roles.access import can_use_admin

from . import checklist, share_card, share_text
from .models import ChecklistItem
from .short_links import qr_code_svg, short_url

CARD_MAX_AGE = 60 * 60 * 24 * 365


def _get_key_event_for_officer(request, page_id) -> EventPage:
    """A key event of this constituency's site, for someone who may use its admin.

    The admin gate has already turned everyone else away; the question is asked again
    here so that the kit never rests on the order of the middleware alone. An id from
    another constituency means nothing in this schema: not found."""
    tenant = getattr(request, "tenant", None)
    if not getattr(tenant, "is_site", False):
        raise Http404("Publicity kits belong to constituency sites.")
    if not can_use_admin(request.user, tenant):
        raise PermissionDenied
    return get_object_or_404(EventPage.objects.filter(is_key_event=True), pk=page_id)


def _card_content(request, event) -> dict:
    accent = SiteSettings.for_request(request).accent_colour
    return share_card.card_content(event, party=f"{request.tenant.name} Labour", accent=accent)


class KitView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "publicity/kit.html"
    page_title = "Publicity kit"
    header_icon = "calendar-check"

    def dispatch(self, request, *args, **kwargs):
        self.event = _get_key_event_for_officer(request, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_header_title(self):
        return f"Publicity kit: {self.event.title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
                "label": self.event.title,
            },
            {"url": "", "label": self.page_title},
        ]

    @property
    def header_buttons(self):
        buttons = [
            HeaderButton(
                "Edit the event",
                url=reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
                icon_name="edit",
            )
        ]
        if self.event.live:
            buttons.append(
                HeaderButton("View the event", url=self.event.url, icon_name="doc-empty")
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, request = self.event, self.request
        url = short_url(event, request)
        items = checklist.sync_checklist(event)
        done = sum(item.is_done for item in items)
        context.update(
            event=event,
            short_url=url,
            posts=share_text.posts(share_text.event_facts(event, url)),
            card_version=share_card.card_fingerprint(_card_content(request, event))[:16],
            items=items,
            done_count=done,
            has_accounts=len(items) > 1,
            is_public=event.live and not event.get_view_restrictions().exists(),
        )
        return context


@require_safe
def card(request, page_id):
    """The event's share card. `?download` serves it as a file to save."""
    event = _get_key_event_for_officer(request, page_id)
    response, fingerprint = share_card.card_response(
        request, _card_content(request, event), f"{event.slug}-card.png"
    )
    # The kit asks for ?v=<fingerprint>, a new address whenever the card changes.
    if request.GET.get("v") == fingerprint[:16]:
        response["Cache-Control"] = f"private, max-age={CARD_MAX_AGE}, immutable"
    else:
        response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def qr_code(request, page_id):
    """The QR code of the event's short link, as SVG. `?download` serves it as a file."""
    event = _get_key_event_for_officer(request, page_id)
    response = HttpResponse(
        qr_code_svg(short_url(event, request)), content_type="image/svg+xml; charset=utf-8"
    )
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="{event.slug}-qr-code.svg"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
def checklist_item(request, page_id, item_id):
    """Tick (done=1) or untick (done=0) one item of the event's checklist."""
    event = _get_key_event_for_officer(request, page_id)
    done = {"1": True, "0": False}.get(request.POST.get("done", ""))
    if done is None:
        return HttpResponseBadRequest("Say whether the item is done: done=1, or done=0 to untick.")
    try:
        item = checklist.set_done(event, item_id, done=done, by=request.user)
    except ChecklistItem.DoesNotExist:
        raise Http404("That item is not on this event's checklist.") from None
    if done:
        messages.success(request, f"Ticked: {item.label}.")
    else:
        messages.success(request, f"Unticked: {item.label}.")
    return redirect(reverse("publicity:kit", args=[event.pk]) + "#checklist")


@require_safe
def short_link(request, page_id):
    """`/e/<id>/`: to the event's page, if it is a live event that anyone may see."""
    event = EventPage.objects.live().public().filter(pk=page_id).first()
    if event is None:
        raise Http404("No such event.")
    return HttpResponseRedirect(event.get_url(request))
