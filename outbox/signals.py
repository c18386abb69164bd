from django.dispatch import Signal

# Sent inside the transaction that records an email as sent, with `email`: receivers
# record the delivery on whatever the email was about.
email_sent = Signal()
