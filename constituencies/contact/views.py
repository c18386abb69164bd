from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from labourhub.public_forms import over_the_limit

from .forms import ContactForm
from .messaging import confirm_message as confirm
from .messaging import consent_text, message_for_link, submit_message, withdraw_message
from .models import ContactMessage
from .sender_postcode import place_sender


def contact_form(request, page):
    """The contact page: write to the MP or candidate (a route on ContactPage)."""
    recipient = page.recipient(request.tenant)
    consent = consent_text(request.tenant, recipient) if recipient else ""
    form = ContactForm(
        request.POST if request.method == "POST" else None,
        offer_send_anyway="send_anyway" in request.POST,
    )
    context = {"page": page, "form": form, "recipient": recipient, "consent": consent}
    if request.method != "POST" or recipient is None:
        return render(request, "website/contact_page.html", context)
    refused = over_the_limit(
        request,
        group="contact-message",
        rate=settings.CONTACT_RATE_LIMIT,
        template="website/contact_page.html",
        context=context,
    )
    if refused:
        return refused
    if not form.is_valid():
        return render(request, "website/contact_page.html", context, status=400)
    sender = None
    if not form.is_spam:
        data = form.cleaned_data
        sender = place_sender(data["postcode"], request.tenant, request)
        if sender.elsewhere and not data.get("send_anyway"):
            # Nothing is stored yet: the sender reads why, and sends again or goes to
            # their own MP, with everything they typed still in the form.
            form = ContactForm(request.POST, offer_send_anyway=True)
            return render(
                request, "website/contact_page.html", {**context, "form": form, "sender": sender}
            )
        submit_message(
            recipient=recipient,
            contact_page=page,
            name=data["name"],
            email=data["email"],
            postcode=data["postcode"],
            subject=data["subject"],
            message=data["message"],
            consent=consent,
            language=request.LANGUAGE_CODE,
        )
    response = render(
        request,
        "contact/check_your_email.html",
        {
            "page": page,
            "email": form.cleaned_data["email"],
            "recipient": recipient,
            "sender": sender,
        },
    )
    add_never_cache_headers(response)
    return response


def confirm_message(request, page, token):
    """The link in the confirmation email shows the message and a button to send it:
    mail scanners open every link, so only pressing the button confirms. The page shows
    the sender's own details, so it is never cached."""
    try:
        message = confirm(token) if request.method == "POST" else message_for_link(token)
    except ValidationError as error:
        response = render(
            request,
            "contact/confirmed.html",
            {"page": page, "error": " ".join(error.messages)},
            status=400,
        )
    else:
        response = render(request, "contact/confirmed.html", {"page": page, "message": message})
    add_never_cache_headers(response)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    """The link in every email to a sender: a page with a button that deletes their
    stored message (opening the link alone does nothing: mail scanners open links)."""
    stored = ContactMessage.objects.filter(token=token).first()
    if request.method == "POST" and stored is not None:
        withdraw_message(token)
        return render(request, "contact/withdraw.html", {"withdrawn": stored})
    if stored is None:
        return render(request, "contact/withdraw.html", {"unknown": True}, status=404)
    return render(request, "contact/withdraw.html", {"message": stored})
