"""What the commissions app contributes to the kernel's registries (page sections of the call, panel, personal
data, demo)."""


def register() -> None:
    from razem.commissions import personal_data
    from razem.core import registry

    covers = personal_data.COVERS
    registry.personal_data.register(registry.PersonalDataSection("commissions", personal_data.export, covers))
    registry.deletion_checks.register(registry.DeletionHook("commissions", personal_data.deletion_problems, covers))
