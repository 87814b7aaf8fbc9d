"""Pagination shared by every list: 20 per page by default, and a bad page number shows a
page rather than an error."""

from django.core import paginator

PER_PAGINA = 20


class Paginator(paginator.Paginator):
    def __init__(self, object_list, per_page=PER_PAGINA, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:  # already counted, for example together with other figures
            self.__dict__["count"] = count


def pagina(request, object_list, *, per_page=PER_PAGINA, count=None):
    """The requested page, with `reeks`: the page numbers to show, elided around this one."""
    paginator = Paginator(object_list, per_page, count=count)
    page = paginator.get_page(request.GET.get("page"))
    page.reeks = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page
