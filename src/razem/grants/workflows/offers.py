from razem.core.workflow import Workflow

# Replaced by the filing helper.
OFFER = Workflow(prefix="grants.offer", transitions=[])
