"""RSS 2.0 and Atom feeds of a site's news, built with Django's syndication framework.
Each language's news index has its own: /news/feed/rss/ lists the English stories,
/cy/newyddion/feed/rss/ (say) the Welsh ones, titled in Welsh and marked
`<language>cy</language>` (Django's feeds name the active language)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext

from constituencies.site_names import site_name

FEED_ITEMS = 20


class NewsFeed(Feed):
    def __init__(self, news_index, atom: bool):
        super().__init__()
        self.news_index = news_index
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        # Translators: the title of a local party's news feed, e.g. "Cardiff East Labour: news".
        return gettext("%(party)s: news") % {"party": site_name(self.request.tenant)}

    def link(self):
        return self.news_index.absolute_url(self.request)

    def feed_url(self):
        suffix = "feed/atom/" if self.feed_type is Atom1Feed else "feed/rss/"
        return self.news_index.absolute_url(self.request, suffix)

    def description(self):
        return self.news_index.intro or gettext("News from %(party)s.") % {
            "party": site_name(self.request.tenant)
        }

    subtitle = description

    def items(self):
        return self.news_index.news_items(self.request).prefetch_related("tagged_items__tag")[
            :FEED_ITEMS
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.absolute_url(self.request)

    def item_guid(self, item):
        return item.absolute_url(self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        # The tags prefetched with the items (NewsIndexPage.news_items).
        return [tagged.tag.name for tagged in item.tagged_items.all()]
