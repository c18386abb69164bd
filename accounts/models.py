from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Every user needs an email address.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_central_staff", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_central_staff"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person who can sign in, held once in the public schema for every site.

    Central staff run the whole platform: the model keeps `is_staff` and
    `is_superuser` equal to `is_central_staff`, so Wagtail's own superuser checks
    and Django's agree with the platform's role. Everyone else gets rights only
    through appointments (see `roles`).
    """

    username = None
    email = models.EmailField("email address", unique=True)
    is_central_staff = models.BooleanField(
        "central staff",
        default=False,
        help_text="Central staff can provision constituencies, appoint officers and "
        "open every site's admin.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.is_staff = self.is_superuser = self.is_central_staff
        super().save(*args, **kwargs)


class DeletedAccount(models.Model):
    """A user deleted from the shared table, whose id constituencies' schemas may still
    hold: as the owner or locker of a page, the author of a revision or comment, the
    uploader of an image or document.

    Those schemas keep no foreign key to the user table (see
    `constituencies.shared_foreign_keys`), so deleting a user is quick with every
    schema present; `accounts.deleted_accounts` then does in each schema what the keys'
    `on_delete` would have done, one schema at a time. User ids are never reused, so an
    id left for that while names nobody rather than someone else.
    """

    user_id = models.BigIntegerField(unique=True)
    deleted_at = models.DateTimeField(auto_now_add=True)
    references_cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deleted_at"]

    def __str__(self):
        return f"deleted user {self.user_id}"
