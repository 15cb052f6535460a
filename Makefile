# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make run    the app with demo data on http://127.0.0.1:5000
#   make test   ruff and the whole test suite
VENV := .venv
BIN := $(VENV)/bin
SUM := $(shell cksum pyproject.toml | cut -d' ' -f1)
# running the app needs only its own dependencies; the tests add theirs (browser, fuzzing...)
APP_STAMP := $(VENV)/.app-$(SUM)
TEST_STAMP := $(VENV)/.test-$(SUM)
FLASK := $(BIN)/flask --app olympiad

.PHONY: run test translations messages bench clean

$(APP_STAMP): pyproject.toml
	test -d $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	rm -f $(VENV)/.app-*
	touch $@

$(TEST_STAMP): $(APP_STAMP)
	$(BIN)/python -m pip install -q -e ".[test]"
	rm -f $(VENV)/.test-*
	touch $@

translations: $(APP_STAMP)
	$(BIN)/pybabel compile -d olympiad/translations

instance/config.py:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print(f'SECRET_KEY = {secrets.token_hex(32)!r}')" > $@

run: $(APP_STAMP) translations instance/config.py
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	@echo "Open http://127.0.0.1:5000 (Ctrl+C to stop)"
	$(FLASK) run --host 127.0.0.1 --port 5000

test: $(TEST_STAMP) translations
	$(BIN)/ruff check .
	$(BIN)/pytest -n auto --dist worksteal

# after changing user-facing texts: update the catalogue, then translate the new lines
messages: $(APP_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o olympiad/translations/messages.pot .
	$(BIN)/pybabel update -i olympiad/translations/messages.pot -d olympiad/translations

# the certificate benchmark compares with WeasyPrint, an optional extra
bench: $(TEST_STAMP)
	$(BIN)/python -m pip install -q -e ".[test,bench]"
	for script in bench/*.py; do $(BIN)/python $$script; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
