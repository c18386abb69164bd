# The production image: gunicorn serves the web tier; the same image runs Celery.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=labourhub.settings.production

WORKDIR /app
RUN useradd --create-home --uid 10001 labourhub

COPY . .
RUN pip install --no-cache-dir -c requirements.lock . \
    && python -m labourhub.translation_catalogues
# collectstatic needs settings to load; these throwaway values never reach a container.
RUN DJANGO_SECRET_KEY=collectstatic-only-collectstatic-only-collectstatic-only \
    DATABASE_URL=postgres://unused/unused REDIS_URL=redis://unused:6379/0 \
    CACHE_URL=redis://unused-cache:6379/0 \
    python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/media /app/private-media && chown -R labourhub /app/media /app/private-media

USER labourhub
EXPOSE 8000
CMD ["gunicorn", "labourhub.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
