"""The news section: its index (with a feed and tag pages) and its stories."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from constituencies.plain_text import single_line

from ..blocks import BodyBlock
from ..chrome import remembered, site_chrome
from ..english_only import english_list_url
from ..feeds import NewsFeed
from .base import ConstituencyPage, require_alt_text

NEWS_PER_PAGE = 10


# The news cards' image (templates/website/includes/news_card.html).
NEWS_CARD_IMAGE = "fill-640x360"


def with_card_images(news):
    """News with the images their cards show, renditions included: one query, instead of
    a cache lookup for every card."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=NEWS_CARD_IMAGE)
    return news.select_related("lead_image").prefetch_related(
        Prefetch("lead_image__renditions", queryset=renditions)
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
        english = english_list_url(request, self, lambda english: english.news_items(request))
        return self.render(
            request,
            context_overrides={
                "news_items": page,
                "tag": tag,
                "page_obj": page,
                "english_list_url": english,
            },
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
        require_alt_text(self.lead_image, "lead_image")
