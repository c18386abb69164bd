"""The starter page tree every constituency begins with. It is built once, in the
template schema; provisioning clones it and then names it (see `name_site`)."""

from wagtail.models import Page, Site
from wagtail.search import index

from labourhub.tenancy import on_hub

from .models import ContactPage, EventIndexPage, GetInvolvedPage, HomePage, NewsIndexPage

STARTER_SECTIONS = [
    (NewsIndexPage, "News", "news", "The latest from your local Labour party."),
    (EventIndexPage, "Events", "events", "Meetings, campaign days and socials near you."),
    (
        GetInvolvedPage,
        "Get involved",
        "get-involved",
        "Knock on doors, make calls, run a street stall: every hour helps.",
    ),
    (ContactPage, "Contact", "contact", "Write to your MP or candidate, or to the local party."),
]


def home_title(constituency_name: str) -> str:
    return f"{constituency_name} Labour"


def build_starter_site(site_name: str, hostname: str) -> Site:
    """Replace Wagtail's welcome page in the current schema with a home page and
    its sections, published, and make it the default site."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=HomePage(title=home_title(site_name), slug="home"))
    for page_class, title, slug, intro in STARTER_SECTIONS:
        home.add_child(instance=page_class(title=title, slug=slug, intro=intro, show_in_menus=True))
    return Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=True, site_name=site_name
    )


def name_site(constituency_name: str, hostname: str) -> None:
    """Give a freshly cloned starter site its constituency's name and host name.

    Runs in the new constituency's schema. Updates rows directly (no revisions to
    replay) and re-indexes the renamed home page so site search finds it.
    """
    if on_hub():
        raise RuntimeError("name_site() must run in the new constituency's schema.")
    title = home_title(constituency_name)
    Site.objects.update(hostname=hostname, site_name=constituency_name)
    HomePage.objects.update(title=title, draft_title=title)
    for home in HomePage.objects.all():
        index.insert_or_update_object(home)
    Site.clear_site_root_paths_cache()
