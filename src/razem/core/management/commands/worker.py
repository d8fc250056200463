"""``razem worker``: runs background tasks (e-mail, imports, reports) from the database queue."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker


class Command(DatabaseWorker):
    help = "Run the background worker (django-tasks-db). Options as for db_worker."
