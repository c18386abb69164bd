"""A logging filter that writes a request refused with 400 (too many fields, a body too
big, any SuspiciousOperation or BadRequest) as one warning line, without a traceback:
the fault is the sender's, and anyone can send such requests by the thousand."""

import logging

from django.core.exceptions import BadRequest, SuspiciousOperation

_ALREADY_LOGGED = "_labourhub_bad_request_logged"


class OneLineBadRequests(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        exception = record.exc_info[1] if record.exc_info else None
        if isinstance(exception, SuspiciousOperation | BadRequest):
            record.msg = f"{type(exception).__name__}: {record.getMessage()}"
            record.args = ()
            record.exc_info = record.exc_text = record.stack_info = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            if request is not None:
                setattr(request, _ALREADY_LOGGED, True)
            return True
        # Django also logs the 400 response itself ("Bad Request: /path"), after the
        # security logger has named the reason: one line is enough.
        return not (
            record.name == "django.request"
            and getattr(record, "status_code", None) == 400
            and getattr(request, _ALREADY_LOGGED, False)
        )
