from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "razem.core"
    label = "core"
    verbose_name = _("Platform kernel")

    def ready(self) -> None:
        from razem.core import checks, pagecache, registry
        from razem.core.demo import load_reference
        from razem.core.forms import install_id_fields
        from razem.core.views import outbox_card

        checks.register()
        pagecache.connect()
        # Every ForeignKey/ManyToMany form field refuses an out-of-range key (core.forms.IdChoiceField).
        install_id_fields()
        registry.navigation.register(
            registry.NavEntry("audit_log", _("Audit log"), "panel:audit_log", order=900, staff=True)
        )
        registry.navigation.register(
            registry.NavEntry("outbox", _("Outgoing e-mail"), "panel:outbox", order=910, staff=True)
        )
        registry.panel_cards.register(
            registry.PanelCard("audit", "core/panel/_card_audit.html", lambda request: {}, order=900)
        )
        registry.panel_cards.register(
            registry.PanelCard("outbox", "core/panel/_card_outbox.html", outbox_card, order=910)
        )
        registry.demo_loaders.register(registry.DemoLoader("reference", load_reference))
