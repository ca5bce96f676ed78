"""Session setup shared by the unit tests and nbval: the notebooks read data/processed, so the
seed corpus is built once before any notebook is executed."""
import pytest


def pytest_collection_modifyitems(session, config, items):
    if any(str(item.fspath).endswith(".ipynb") for item in items):
        from analysis import config as cfg
        from analysis.pipeline.build import build

        build(cfg.SEEDS_DIR, cfg.PROCESSED_DIR)


@pytest.fixture(scope="session")
def seed_build():
    """The seed corpus built into data/processed (the notebooks' default input)."""
    from analysis import config as cfg
    from analysis.pipeline.build import build

    return build(cfg.SEEDS_DIR, cfg.PROCESSED_DIR)
