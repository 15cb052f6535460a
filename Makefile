# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make run    the app with demo data on http://127.0.0.1:5000
#   make test   ruff and the whole test suite
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
FLASK := $(BIN)/flask --app olympiad

.PHONY: run test translations messages bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

translations: $(STAMP)
	$(BIN)/pybabel compile -d olympiad/translations

instance/config.py:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print(f'SECRET_KEY = {secrets.token_hex(32)!r}')" > $@

run: $(STAMP) translations instance/config.py
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	@echo "Open http://127.0.0.1:5000 (Ctrl+C to stop)"
	$(FLASK) run --host 127.0.0.1 --port 5000

test: $(STAMP) translations
	$(BIN)/ruff check .
	$(BIN)/pytest -n auto

# after changing user-facing texts: update the catalogue, then translate the new lines
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o olympiad/translations/messages.pot .
	$(BIN)/pybabel update -i olympiad/translations/messages.pot -d olympiad/translations

# the certificate benchmark compares with WeasyPrint, an optional extra
bench: $(STAMP)
	$(BIN)/python -m pip install -q -e ".[test,bench]"
	for script in bench/*.py; do $(BIN)/python $$script; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
