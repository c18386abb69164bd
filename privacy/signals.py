"""What the privacy app tells apps above it, which it may not import."""

from django.dispatch import Signal

# Sent once a privacy notice's new wording is saved, with `notice` and `by`: the sites
# that show it purge their cached copies (constituencies.website.receivers).
notice_changed = Signal()
