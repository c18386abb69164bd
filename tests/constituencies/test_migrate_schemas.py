"""migrate_schemas at hundreds of schemas: a schema with nothing to apply is skipped
(django-tenants-smart-executor), so a release without a schema change costs seconds."""

import logging

from django.conf import settings
from django.core.management import call_command
from django.utils.module_loading import import_string


def test_a_schema_with_nothing_to_apply_is_skipped(clp_a, caplog):
    with caplog.at_level(logging.WARNING, logger="django_tenants_smart_executor"):
        call_command("migrate_schemas", schema_name=clp_a.schema_name, verbosity=0)
    assert f"No migrations needed for schema {clp_a.schema_name}" in caplog.text


def test_both_executors_migrate_schemas_uses_are_the_smart_ones():
    """The compose file's migrate step runs `--executor=multiprocessing`."""
    load = import_string(settings.GET_EXECUTOR_FUNCTION)
    assert load(codename="multiprocessing").__name__ == "SmartMultiprocessingExecutor"
    assert load(codename="standard").__name__ == "SmartStandardExecutor"
