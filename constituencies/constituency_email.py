"""Every email a constituency sends to the public, in its own name and look.

From "Bristol East Labour <the platform's sending address>" (only the name is the
constituency's: the address stays the one the mail server may send from), replying to
the local party's public address when its site has one; HTML in the site's accent
colour beside a plain-text version; and a footer naming the site and saying why the
person got the email.
"""

from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from constituencies.plain_text import single_line
from constituencies.site_names import site_name

LABOUR_RED = "#c8102e"


@dataclass(frozen=True)
class EmailBranding:
    """How a constituency's site presents itself, as far as its emails show it. The
    accent is one of the site's colours, all of which carry white text at 4.5:1."""

    accent_colour: str = LABOUR_RED
    contact_email: str = ""
    imprint: str = ""


@dataclass(frozen=True)
class Sender:
    """A constituency as the sender of its emails: its name, site and look."""

    name: str  # "Bristol East Labour"
    site_url: str
    branding: EmailBranding = field(default_factory=EmailBranding)

    @property
    def from_email(self) -> str:
        _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        return formataddr((single_line(self.name), address))


def sender_for(constituency) -> Sender:
    """The constituency whose schema is active, as a sender, in the active language (its
    name, and its site's address in that language: /cy/ for Welsh). Its site's look is
    read by the function settings.CONSTITUENCY_EMAIL_BRANDING names: site settings belong
    to the website app, which stands above the sign-ups and contact apps that send."""
    welsh = translation.get_language() == settings.WELSH and constituency.offers_welsh
    return Sender(
        name=site_name(constituency),
        site_url=constituency.url_for(path=f"/{settings.WELSH}/" if welsh else "/"),
        branding=import_string(settings.CONSTITUENCY_EMAIL_BRANDING)(),
    )


def constituency_email(
    sender: Sender,
    *,
    subject: str,
    template: str,
    context: dict,
    to: list[str],
    why: str,
    html: bool = True,
    cc: list[str] | None = None,
    reply_to: list[str] | None = None,
) -> EmailMultiAlternatives:
    """An email from `sender`: `template`.txt as its text and, if `html`, `template`.html
    as its HTML version (both extend the constituency email templates). `why` is the
    footer's reason for the email. Replies go to the party's public address unless
    `reply_to` says otherwise."""
    subject = single_line(subject)
    context = {
        **context,
        "subject": subject,
        "sender": sender,
        "branding": sender.branding,
        "why": why,
    }
    contact_email = sender.branding.contact_email
    if reply_to is None:
        reply_to = [formataddr((single_line(sender.name), contact_email))] if contact_email else []
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=sender.from_email,
        to=to,
        cc=cc or [],
        reply_to=reply_to,
    )
    if html:
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
