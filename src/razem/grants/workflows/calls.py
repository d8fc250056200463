from razem.core.workflow import Workflow

# Replaced by the calls helper.
CALL = Workflow(prefix="grants.call", transitions=[])
