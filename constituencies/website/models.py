"""The page types of a constituency's site. Every constituency has its own page tree
in its own schema: home, news, events, get involved and contact."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from constituencies import event_times
from constituencies.calendars import event_calendar_response
from constituencies.contact import views as contact_views
from constituencies.contact.messaging import Recipient
from constituencies.models import Constituency
from constituencies.plain_text import single_line
from constituencies.postcodes import normalise_postcode
from constituencies.signups import views as signup_views
from constituencies.signups.models import EventSignup
from labourhub import http_cache
from labourhub.tenancy import on_hub
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment

from .blocks import BodyBlock
from .chrome import remembered, site_chrome
from .feeds import NewsFeed

NEWS_PER_PAGE = 10
# The news cards' image (templates/website/includes/news_card.html).
NEWS_CARD_IMAGE = "fill-640x360"
EVENTS_PER_PAGE = 20


class AccentColour(models.TextChoices):
    """Colours within the party palette. White text on each meets WCAG AA (4.5:1)."""

    LABOUR_RED = "#c8102e", "Labour red"
    DEEP_RED = "#8f0b21", "Deep red"
    BURGUNDY = "#6d0e2b", "Burgundy"
    CHARCOAL = "#2e2e2c", "Charcoal"


def _require_alt_text(image, field):
    if image is not None and not (image.description or "").strip():
        raise ValidationError(
            {
                field: "This image has no alt text. Edit the image and describe it for people "
                "who cannot see it."
            }
        )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """How the constituency presents itself across its site."""

    area = models.CharField(
        max_length=200,
        blank=True,
        help_text="The area the party covers, e.g. “Easton, Lawrence Hill and St George”.",
    )
    accent_colour = models.CharField(
        max_length=7, choices=AccentColour.choices, default=AccentColour.LABOUR_RED
    )
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the home page and used when a page has no image to share.",
    )
    contact_email = models.EmailField(
        blank=True,
        help_text="The local party's public address, shown when there is no MP or candidate "
        "to write to, and where their messages go.",
    )

    imprint = models.CharField(
        max_length=300,
        blank=True,
        help_text="The digital imprint election law asks for, e.g. “Promoted by A. Agent on "
        "behalf of Bristol East Labour Party, both at 1 High Street, Bristol BS5 6AB.”",
    )

    @property
    def accent_name(self) -> str:
        """The accent as the stylesheet names it: `[data-accent="deep-red"]`."""
        return AccentColour(self.accent_colour).name.lower().replace("_", "-")

    panels = [
        FieldPanel("area"),
        FieldPanel("accent_colour"),
        FieldPanel("banner_image"),
        FieldPanel("contact_email"),
        FieldPanel("imprint"),
    ]

    class Meta:
        verbose_name = "site settings"

    def clean(self):
        super().clean()
        _require_alt_text(self.banner_image, "banner_image")


class Representative(index.Indexed, models.Model):
    """The constituency's Labour MP or candidate, shown on the home page and written to
    from the contact page. At most one is current."""

    class Kind(models.TextChoices):
        MP = "mp", "Member of Parliament"
        CANDIDATE = "candidate", "Labour candidate"

    name = models.CharField(max_length=120)
    kind = models.CharField("role", max_length=16, choices=Kind.choices, default=Kind.MP)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    biography = models.TextField(max_length=1200, blank=True)
    email = models.EmailField(
        help_text="Where messages from the contact form are delivered. Never shown on the site."
    )
    is_current = models.BooleanField(
        "current", default=True, help_text="Only the current MP or candidate is shown."
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("email"),
        FieldPanel("is_current"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_representative",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self):
        super().clean()
        _require_alt_text(self.photo, "photo")
        others = Representative.objects.filter(is_current=True).exclude(pk=self.pk)
        if self.is_current and others.exists():
            raise ValidationError(
                {
                    "is_current": f"{others.first().name} is already the current representative. "
                    "Untick them first."
                }
            )

    def role_for(self, constituency_name: str) -> str:
        if self.kind == self.Kind.MP:
            return f"Member of Parliament for {constituency_name}"
        return f"Labour candidate for {constituency_name}"

    @classmethod
    def current(cls):
        return cls.objects.filter(is_current=True).select_related("photo").first()


register_snippet(Representative)


class ConstituencyPage(Page):
    """Base for every constituency page type. They exist only in constituency schemas,
    never in the hub's page tree, and know how they look when shared."""

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        if on_hub():
            return False
        return super().can_create_at(parent)

    share_type = "website"

    def share_description(self) -> str:
        specific = self.specific
        return (
            self.search_description
            or getattr(specific, "summary", "")
            or getattr(specific, "intro", "")
            or ""
        )

    def share_image(self):
        return getattr(self.specific, "lead_image", None)

    def absolute_url(self, request=None, suffix: str = "") -> str:
        """This page's address on its site's primary domain, keeping the request's scheme
        and port (or, outside a request, as served publicly): used for canonical links,
        sharing, feeds, the sitemap and emails."""
        tenant = request.tenant if request is not None else Constituency.objects.current()
        return tenant.url_for(request, f"{self.url}{suffix}")

    def get_url_parts(self, request=None):
        # Wagtail works out which site a page belongs to for every link it makes; a
        # constituency's schema has one site, which the chrome already holds.
        chrome = getattr(request, "_site_chrome", None)
        site = getattr(chrome, "site", None)
        if site is not None:
            root_path = site.root_page.url_path
            if self.url_path.startswith(root_path):
                return site.pk, site.root_url, "/" + self.url_path[len(root_path) :]
        return super().get_url_parts(request)

    def route(self, request, path_components):
        """Wagtail's routing, with fewer queries: below the home page a section's page
        (news, events) is fetched in one query as its own type, without its section;
        otherwise a child is fetched as its own type at once when that type is known (the
        site's chrome knows the sections; most pages allow one type below them)."""
        if not path_components:
            return super().route(request, path_components)
        if self.depth == 2 and len(path_components) >= 2:
            page = self._section_page(request, *path_components[:2])
            if page is not None:
                return page.route(request, path_components[2:])
        model, lookup = self._child_lookup(request, path_components[0])
        if model is None:
            return super().route(request, path_components)
        try:
            child = model.objects.child_of(self).get(**lookup)
        except model.DoesNotExist:
            raise Http404 from None
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def _section_page(self, request, section_slug, slug):
        """A page in one of the home page's sections, when that section allows only one
        type of page (a news story, an event); None when there is none such."""
        section = site_chrome(request).sections.get(section_slug)
        if section is None:
            return None
        allowed = section.model.allowed_subpage_models()
        if len(allowed) != 1:
            return None
        model = allowed[0]
        pages = model.objects.filter(path__startswith=section.path, depth=self.depth + 2)
        if any(field.name == "lead_image" for field in model._meta.get_fields()):
            pages = pages.select_related("lead_image")  # shown, and shared, with the page
        # Not a page: perhaps one of the section's own routes (a feed, the archive).
        return pages.filter(slug=slug).first()

    def _child_lookup(self, request, slug):
        if self.depth == 2:  # the home page
            section = site_chrome(request).sections.get(slug)
            return (section.model, {"pk": section.pk}) if section else (None, None)
        allowed = self.specific_class.allowed_subpage_models()
        return (allowed[0], {"slug": slug}) if len(allowed) == 1 else (None, None)

    @property
    def parent_url(self) -> str:
        """The address of this page's parent, without fetching it."""
        return self.url.rstrip("/").rsplit("/", 1)[0] + "/"

    def get_view_restrictions(self):
        # Wagtail asks before serving every page; the site's chrome knows which pages
        # carry a restriction, so most pages need not ask the database.
        chrome = getattr(self, "served_chrome", None)
        if chrome is not None and not chrome.may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_sitemap_urls(self, request=None):
        if request is None or not getattr(request, "tenant", None):
            return super().get_sitemap_urls(request)
        return [{"location": self.absolute_url(request), "lastmod": self.last_published_at}]


class HomePage(ConstituencyPage):
    intro = models.TextField(
        blank=True,
        max_length=500,
        help_text="A sentence or two about the party in this constituency.",
    )
    get_involved_heading = models.CharField(max_length=100, default="Get involved")
    get_involved_text = models.TextField(
        max_length=300,
        default="Knock on doors, staff a street stall or make calls: every hour helps win "
        "a fairer deal for our community.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("get_involved_heading"), FieldPanel("get_involved_text")],
            heading="Get involved call to action",
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "website.NewsIndexPage",
        "website.EventIndexPage",
        "website.GetInvolvedPage",
        "website.ContactPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chrome = site_chrome(request)
        news = with_card_images(chrome.public(NewsPage.objects.live().descendant_of(self)))
        context["latest_news"] = remembered(
            request, "home-news", lambda: list(news.order_by("-date", "-pk")[:3])
        )
        events = chrome.public(EventPage.objects.live().descendant_of(self))
        context["next_events"] = remembered(
            request,
            "home-events",
            lambda: list(events.upcoming()[:3]),
            lasts=seconds_until_an_event_finishes,
        )
        fresh_until_an_event_finishes(request, context["next_events"])
        context["news_url"] = chrome.url_of(NewsIndexPage)
        context["get_involved_url"] = chrome.url_of(GetInvolvedPage)
        context["contact_url"] = chrome.url_of(ContactPage)
        context["representative"] = remembered(request, "representative", Representative.current)
        if context["representative"] is None:
            context["officers"] = _designated_administrators(request.tenant)
        return context


def with_card_images(news):
    """News with the images their cards show, renditions included: one query, instead of
    a cache lookup for every card."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=NEWS_CARD_IMAGE)
    return news.select_related("lead_image").prefetch_related(
        Prefetch("lead_image__renditions", queryset=renditions)
    )


def _designated_administrators(constituency):
    return list(
        Appointment.objects.current()
        .filter(constituency=constituency, role__in=DESIGNATED_ADMINISTRATOR_ROLES)
        .select_related("user")
        .order_by("role")
    )


class FirstPage:
    """A listing known by its length and its first page, all a paginator needs to
    show the first page."""

    def __init__(self, count, first):
        self._count, self._first = count, first

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice) and not index.start:
            return self._first[index]
        raise IndexError("only the first page of this listing is known")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "website.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(RoutablePageMixin, ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.NewsPage"]
    max_count = 1

    def news_items(self, request=None):
        live = NewsPage.objects.live().child_of(self)
        visible = site_chrome(request).public(live) if request else live.public()
        return with_card_images(visible).order_by("-date", "-pk")

    @path("")
    def index(self, request):
        items = self.news_items(request)
        tag = single_line(request.GET.get("tag", ""))[:100]
        if tag:
            items = items.filter(tags__name=tag)
        elif request.GET.get("page", "1") == "1":
            # The first page, which most visitors see, is kept with the site's chrome.
            count, first = remembered(
                request,
                f"news-first-page:{self.pk}",
                lambda: (items.count(), list(items[:NEWS_PER_PAGE])),
            )
            items = FirstPage(count, first)
        page = Paginator(items, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return self.render(
            request, context_overrides={"news_items": page, "tag": tag, "page_obj": page}
        )

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return NewsFeed(self, atom=False)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return NewsFeed(self, atom=True)(request)


class NewsPage(ConstituencyPage):
    date = models.DateField("publish date", default=timezone.localdate)
    summary = models.TextField(max_length=300, help_text="One or two sentences, shown in lists.")
    author = models.CharField(max_length=120, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["website.NewsIndexPage"]
    subpage_types = []
    share_type = "article"

    def clean(self):
        super().clean()
        _require_alt_text(self.lead_image, "lead_image")


def seconds_until_an_event_finishes(events) -> int | None:
    finishes = min((event.finishes_at for event in events), default=None)
    if finishes is None:
        return None
    return max(0, int((finishes - timezone.now()).total_seconds()))


def fresh_until_an_event_finishes(request, events) -> None:
    """A list of upcoming events changes by itself when the first of them finishes:
    caches keep it until then at most."""
    http_cache.fresh_until(request, min((event.finishes_at for event in events), default=None))


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events that have not finished yet, soonest first."""
        now = now or timezone.now()
        return self.filter(
            models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        ).order_by("starts_at")

    def past(self, now=None):
        now = now or timezone.now()
        return self.exclude(
            models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        ).order_by("-starts_at")


class EventPage(RoutablePageMixin, ConstituencyPage):
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends", null=True, blank=True)
    venue = models.CharField(max_length=120, blank=True)
    address = models.TextField(blank=True, max_length=300)
    postcode = models.CharField(max_length=10, blank=True)
    summary = models.TextField(max_length=300, help_text="One or two sentences, shown in lists.")
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), blank=True)
    accessibility_notes = models.TextField(
        blank=True, max_length=500, help_text="Step-free access, hearing loop, quiet space…"
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Places for sign-ups. Leave empty for no limit; when it is full, people "
        "join a waiting list.",
    )
    signups_open = models.BooleanField(
        "take sign-ups", default=True, help_text="Let visitors sign up to this event."
    )
    is_key_event = models.BooleanField(
        "key event",
        default=False,
        help_text="Key events get a publicity kit and reminders until they are publicised.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])], heading="When"
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("accessibility_notes"),
            ],
            heading="Where",
        ),
        FieldRowPanel(
            [FieldPanel("capacity"), FieldPanel("signups_open"), FieldPanel("is_key_event")]
        ),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("venue")]
    parent_page_types = ["website.EventIndexPage", "website.GetInvolvedPage"]
    subpage_types = []

    objects = PageManager.from_queryset(EventPageQuerySet)()

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "An event must end after it starts."})
        if self.postcode:
            try:
                self.postcode = normalise_postcode(self.postcode)
            except ValidationError as error:
                raise ValidationError({"postcode": error.messages}) from None
        _require_alt_text(self.lead_image, "lead_image")

    @property
    def finishes_at(self):
        return self.ends_at or self.starts_at

    @property
    def when(self) -> str:
        """ "Saturday 5 December 2026, 10am to 1pm", in UK time."""
        return event_times.when(self.starts_at, self.ends_at)

    @property
    def is_past(self) -> bool:
        return self.finishes_at < timezone.now()

    @property
    def map_url(self) -> str | None:
        """An OpenStreetMap search for the venue: a link, not an embedded map."""
        query = ", ".join(part for part in (self.venue, self.postcode or self.address) if part)
        if not query:
            return None
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})

    @cached_property
    def places(self):
        return EventSignup.objects.places_for(self)

    @property
    def takes_signups(self) -> bool:
        return self.signups_open and not self.is_past

    @path("")
    def event(self, request):
        # Sign-ups close when it finishes.
        http_cache.fresh_until(request, self.finishes_at)
        return self.render(request)

    @path("ics/", name="ics")
    def ics(self, request):
        return event_calendar_response(request, self)

    @re_path(r"^sign-up/$", name="sign_up")
    def sign_up(self, request):
        return signup_views.sign_up(request, self)


class EventIndexPage(RoutablePageMixin, ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.EventPage"]
    max_count = 1

    def _events(self, request):
        return site_chrome(request).public(EventPage.objects.live().child_of(self))

    @path("")
    def upcoming(self, request):
        upcoming = self._events(request).upcoming()
        page = Paginator(upcoming, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        # Later pages shift as soon as any event on an earlier one finishes.
        listed = page if page.number == 1 else upcoming[: page.end_index()]
        fresh_until_an_event_finishes(request, listed)
        return self.render(request, context_overrides={"events": page, "page_obj": page})

    @path("past/", name="past")
    def past(self, request):
        page = Paginator(self._events(request).past(), EVENTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "website/event_archive_page.html",
            {"page": self, "events": page, "page_obj": page},
        )


class GetInvolvedPage(ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.EventPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chrome = site_chrome(request)
        context["activities"] = list(
            chrome.public(EventPage.objects.live().upcoming().child_of(self))
        )
        context["events_url"] = chrome.url_of(EventIndexPage)
        fresh_until_an_event_finishes(request, context["activities"])
        return context


class ContactPage(RoutablePageMixin, ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    @path("")
    def contact(self, request):
        return contact_views.contact_form(request, self)

    @path("confirm/<str:token>/", name="confirm")
    def confirm(self, request, token):
        return contact_views.confirm_message(request, self, token)

    def confirm_path(self, token: str) -> str:
        """The link that confirms a message, under this page (officers may rename its
        slug)."""
        return self.url + self.reverse_subpage("confirm", args=[token])

    def recipient(self, constituency) -> Recipient | None:
        """Who messages go to: the current MP or candidate, or else the local party."""
        representative = Representative.current()
        if representative:
            return Recipient(
                representative.name,
                representative.email,
                representative.role_for(constituency.name),
            )
        site_settings = SiteSettings.for_site(self.get_site())
        if site_settings.contact_email:
            return Recipient(
                f"{constituency.name} Labour", site_settings.contact_email, "the local Labour party"
            )
        return None

    def serve_preview(self, request, mode_name):
        return self.contact(request)
