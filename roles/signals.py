"""What the roles app tells the apps above it. They register receivers; roles never
imports them."""

from django.dispatch import Signal

#: Sent inside the transaction that appoints someone: `appointment`, `by` (who granted it).
appointment_started = Signal()

#: Sent inside the transaction that ends an appointment: `appointment`, `by`.
appointment_ended = Signal()
