from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def labourhub_admin_stylesheet():
    """The platform's few admin styles (tables that scroll sideways on a phone, the
    register's cards), on every admin screen, including panels on Wagtail's own
    dashboard."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/labourhub-admin.css"))
