import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")

application = get_wsgi_application()

# What is loaded by now lives as long as the process: keep the garbage collector from
# scanning it again on every full collection (about 2 ms a page), and, under gunicorn's
# --preload, from writing to the memory the workers share with the master.
gc.freeze()
