"""Pagination shared by every list: 20 per page by default, and a bad page number shows a
page rather than an error."""

from django.core.paginator import Paginator

PER_PAGE = 20


def paginate(request, object_list, *, per_page=PER_PAGE):
    """The requested page, with `numbers`: the page numbers to show, elided around this one."""
    paginator = Paginator(object_list, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page
