from privacy.registry import NotPersonal

DECLARATIONS = [
    NotPersonal("event_listings.EventListing", "Published events' titles, summaries and venues"),
]
