from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from .access import member_required
from .forms import PreferencesForm


@member_required
def dashboard(request):
    """A member's home: their courses, what is new since they last came, their CLP."""
    member = request.member
    since = member.last_seen_at if member else None
    context = {"member": member, "since": since}
    if member:
        member.last_seen_at = timezone.now()
        member.save(update_fields=["last_seen_at"])
        context["constituency_url"] = member.constituency.url_for(request)
    return render(request, "membersnet/dashboard.html", context)


@member_required
def account(request):
    member = request.member
    form = PreferencesForm(request.POST or None, instance=member) if member else None
    if request.method == "POST" and form is not None and form.is_valid():
        form.save()
        messages.success(request, "Your preferences are saved.")
        return redirect("members:account")
    return render(request, "membersnet/account.html", {"member": member, "form": form})
