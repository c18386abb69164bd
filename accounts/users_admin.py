"""The hub's Users admin (Wagtail's), where central staff manage accounts. Its
"Administrator" box is the platform's central-staff role: the model keeps
`is_superuser` equal to `is_central_staff`, so the box must set the role itself, or
ticking it would be undone on save."""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

CENTRAL_STAFF_HELP = (
    "Central staff run the whole platform: they provision constituencies, appoint "
    "officers and open every site's admin."
)


class CentralStaffBox:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "is_superuser" in self.fields:
            self.fields["is_superuser"].label = "Central staff"
            self.fields["is_superuser"].help_text = CENTRAL_STAFF_HELP

    def _post_clean(self):
        super()._post_clean()
        if "is_superuser" in self.fields:
            self.instance.is_central_staff = self.instance.is_superuser


class AccountEditForm(CentralStaffBox, UserEditForm):
    pass


class AccountCreationForm(CentralStaffBox, UserCreationForm):
    pass


class AccountViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return AccountEditForm if for_update else AccountCreationForm
