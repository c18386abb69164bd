"""What every public form (writing to the MP, signing up to an event, reporting an
account, looking one up) does against bots and floods: a field people never see, and a
limit per address that answers 429 with the form as it was sent."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django_ratelimit.core import is_ratelimited


class HoneypotForm(forms.Form):
    """A form with a field people never see (templates render it through
    website/includes/honeypot.html). Bots fill it in; the view then answers as if all
    went well and keeps nothing."""

    website = forms.CharField(required=False, label=gettext_lazy("Leave this empty"))

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


def over_the_limit(request, *, group: str, rate: str, template: str, context: dict):
    """Count this submission against `group`'s limit for the visitor's address. Over the
    limit, the answer is a 429 showing the form as it was sent (nothing typed is lost);
    otherwise None, and the view goes on."""
    if not is_ratelimited(request, group=group, key="ip", rate=rate, increment=True):
        return None
    return render(request, template, {**context, "rate_limited": True}, status=429)
