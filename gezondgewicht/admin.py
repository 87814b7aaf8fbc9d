"""The admin base that every audited model uses."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class GeschiedenisAdmin(SimpleHistoryAdmin):
    """simple-history's admin, but restoring an old version needs the right to change the
    object now (simple-history itself only asks for the right to view it). So a finalised
    round cannot be brought back to an earlier state from its history either."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
