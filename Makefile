# Development commands; each is a plain `uv run` command you can also type yourself.
.PHONY: help run test lint format typecheck translations messages ci

help:
	@echo "make run          start the demo on http://127.0.0.1:8000 (uv run razem demo)"
	@echo "make test         run the test suite (uv run pytest)"
	@echo "make lint         ruff check, ruff format --check and the import layers (lint-imports)"
	@echo "make format       format and fix what ruff can"
	@echo "make typecheck    mypy on core and the domain apps"
	@echo "make translations check that the Polish catalogue is complete and the .mo files are current"
	@echo "make messages     extract the strings into locale/{pl,en} and compile the .mo files"
	@echo "make ci           everything CI runs (bash .ci/run)"

run:
	uv run razem demo

test:
	uv run pytest

lint:
	uv run ruff check .
	uv run ruff format --check .
	uv run lint-imports

format:
	uv run ruff format .
	uv run ruff check --fix .

typecheck:
	uv run mypy src/razem

translations:
	RAZEM_ENV=test uv run razem check_translations

# makemessages runs in src/razem: it walks the current folder, and LOCALE_PATHS puts the catalogues in
# src/razem/locale. RAZEM_ENV=test needs no SECRET_KEY and writes nothing to var/.
messages:
	cd src/razem && RAZEM_ENV=test uv run razem makemessages -l pl -l en --ignore=.venv --ignore=tests
	cd src/razem && RAZEM_ENV=test uv run razem compilemessages

ci:
	bash .ci/run
