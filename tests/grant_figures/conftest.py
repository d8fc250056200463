import pytest

from tests.grant_figures.factories import build_dataset


@pytest.fixture
def dataset(reference_data):
    """Two budget years, two departments, two areas, a cancelled call, drafts, a multi-year award, small grants:
    see ``factories.build_dataset``."""
    return build_dataset()
