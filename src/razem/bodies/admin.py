from django.contrib import admin

from razem.bodies.models import Body, BodyMembership


class BodyMembershipInline(admin.TabularInline):
    model = BodyMembership
    extra = 0
    raw_id_fields = ["person", "organization"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BodyMembershipInline]
