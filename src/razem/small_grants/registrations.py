"""What the small_grants app contributes to the kernel's registries (navigation, panel, page sections, jobs, demo,
personal data)."""


def register() -> None:
    pass
