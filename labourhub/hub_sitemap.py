"""The hub's sitemap: its public pages, the ones robots.txt lets crawlers in to.
Membersnet, accounts and the admin are for members and staff; each constituency's site
has its own sitemap on its own domain."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class HubPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "directory",
            "hub_events",
            "campaign_index",
            "governance:official",
            "governance:report",
            "verify_certificate",
            "hub_privacy_notice",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": HubPagesSitemap}
