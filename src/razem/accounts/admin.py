from django.contrib import admin

from razem.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["password", "last_login", "date_joined", "anonymised_at"]
    exclude = ["groups", "user_permissions", "is_superuser"]
