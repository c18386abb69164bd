"""Logging: one JSON line per record, naming the constituency schema and domain of the
request it came from, with Django's 400s as one line instead of a traceback."""


def logging_config(level: str) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "tenant": {"()": "django_tenants.log.TenantContextFilter"},
            "one_line_bad_requests": {"()": "labourhub.bad_request_logging.OneLineBadRequests"},
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "format": (
                    "%(asctime)s %(levelname)s %(name)s %(schema_name)s %(domain_url)s %(message)s"
                ),
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["tenant", "one_line_bad_requests"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "pgserver": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
            "django_tenants_smart_executor": {"level": "ERROR"},  # a warning per schema skipped
        },
    }
