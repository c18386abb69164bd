"""The base of every constituency page type, and what all of them check."""

from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from constituencies.models import Constituency
from labourhub.tenancy import on_hub

from ..chrome import relative_url, site_chrome


def require_alt_text(image, field):
    if image is not None and not (image.description or "").strip():
        raise ValidationError(
            {
                field: "This image has no alt text. Edit the image and describe it for people "
                "who cannot see it."
            }
        )


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
        # The chrome knows where each language's live home page is.
        chrome = getattr(request, "_site_chrome", None)
        site = getattr(chrome, "site", None)
        if site is not None:
            language = chrome.language_of_path(self.url_path)
            if language is not None:
                root_path = chrome.home_paths[language]
                return site.pk, site.root_url, relative_url(self.url_path, root_path, language)
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
