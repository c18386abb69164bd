"""Which admin URLs work on data that is curated on the hub only.

Membersnet (members, training, the rulebook, the knowledge bank) and the governance
records live in the shared schema, which every constituency's search path reaches too.
Their permission policies refuse them off the hub, but Wagtail asks no policy in some
of the views it builds for a model (a snippet's chooser, its chosen and bulk-action
views): so the question is asked of the URL itself, whatever view Wagtail serves there.
"""

from django.apps import apps
from django.urls import Resolver404, resolve

from .admin_areas import hub_only_app_labels

# Wagtail's URLs that name the model in the address rather than in the view.
_MODEL_IN_ADDRESS = (("app_label", "model_name"), ("app_name", "model_name"))


def _app_label_of(match) -> str | None:
    for app_key, model_key in _MODEL_IN_ADDRESS:
        if app_key in match.kwargs and model_key in match.kwargs:
            return match.kwargs[app_key]
    view = match.func
    model = getattr(view, "view_initkwargs", {}).get("model")
    model = model or getattr(getattr(view, "view_class", None), "model", None)
    if isinstance(model, str):
        model = apps.get_model(model)
    return model._meta.app_label if isinstance(model, type) else None


def is_hub_only_admin_path(path: str, urlconf=None) -> bool:
    """Does this admin URL show or change a hub-only model's records (its listing,
    chooser, history, usage, export, inspect or bulk-action views)?"""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return _app_label_of(match) in hub_only_app_labels()
