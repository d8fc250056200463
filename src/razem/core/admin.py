from allauth.account.decorators import secure_admin_login
from django.contrib import admin

from razem.core.models import District, LogEntry, Notification, OutboxEmail, PublicBenefitArea, Room, Venue

# The admin signs in through allauth, so administrators pass the second factor there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Razem"


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action", "object_repr"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["number", "numeral", "name"]


@admin.register(PublicBenefitArea)
class PublicBenefitAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "valid_from", "valid_to"]
    list_filter = ["valid_from"]


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "district"]
    inlines = [RoomInline]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at"]
    raw_id_fields = ["recipient"]


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts"]
    list_filter = ["status"]
    raw_id_fields = ["recipient"]
