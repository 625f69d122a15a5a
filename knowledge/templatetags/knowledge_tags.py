"""Template tags of the knowledge base.

``subpage_url`` does what wagtailroutablepage_tags' routablepageurl does; that library is only
available with wagtail.contrib.routable_page in INSTALLED_APPS; the mixin itself does not need it.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def subpage_url(context, page, route_name: str, *args) -> str:
    """URL of a RoutablePageMixin route of ``page``, e.g. {% subpage_url page "directory" %}."""
    base = page.get_url(request=context.get("request"))
    return base + page.reverse_subpage(route_name, args=args)


@register.inclusion_tag("knowledge/_change_log.html")
def change_log(obj) -> dict:
    """„Was hat sich geändert“: the published versions of a page or agreement, newest first."""
    from knowledge.models.review import change_log as published_versions

    return {"entries": published_versions(obj)}
