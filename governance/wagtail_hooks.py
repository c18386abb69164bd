"""Governance's admin screens are defined next to the features they belong to; Wagtail
loads this module, which loads them."""

from . import compliance_hooks, register_hooks  # noqa: F401
