from django.tasks import task

from razem.organizations import importer
from razem.organizations.models import ImportJob


@task()
def import_organizations(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in {ImportJob.Status.QUEUED, ImportJob.Status.RUNNING}:
        return job.status
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        result = importer.run(job, data)
    except importer.FileProblem as problem:
        importer.finish(job, None, str(problem))
    else:
        importer.finish(job, result)
    return ImportJob.objects.get(pk=job_id).status
