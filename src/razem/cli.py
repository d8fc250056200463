"""The ``razem`` command: everything manage.py does, plus demo, serve and worker."""

import os
import socket
import sys


def demo_base_url(argv: list[str]) -> str:
    """The address ``razem demo`` serves on, from its ``--host`` and ``--port`` (the defaults of the command), so
    that the links it writes (the calendar subscription, e-mails, PDFs) lead back to it. A wildcard host is
    replaced by this machine's address on the network, which the other machines can open."""
    host, port = "127.0.0.1", "8000"
    for index, arg in enumerate(argv):
        for name in ("--host", "--port"):
            value = None
            if arg == name and index + 1 < len(argv):
                value = argv[index + 1]
            elif arg.startswith(name + "="):
                value = arg.split("=", 1)[1]
            if value:
                host, port = (value, port) if name == "--host" else (host, value)
    if host in {"0.0.0.0", "::", "[::]"}:  # noqa: S104 - recognizing a wildcard, not binding to one
        host = _network_address()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _network_address() -> str:
    """This machine's address on its network (no packet is sent: a UDP socket only picks its route)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "razem.settings")
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        # The demo runs on its own defaults (SQLite under var/, console e-mail, immediate tasks), and its links
        # use the address it is served on.
        os.environ.setdefault("RAZEM_ENV", "demo")
        os.environ.setdefault("RAZEM_BASE_URL", demo_base_url(sys.argv[2:]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
