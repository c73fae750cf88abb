# xxgk — the two commands of README.md: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-12)

.PHONY: run test install lint demo serve clean

run: install demo serve

test: $(STAMP)
	@bash scripts/test.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

demo: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo

serve:
	@echo "平台已启动：http://127.0.0.1:8000/  后台：http://127.0.0.1:8000/admin/  （Ctrl+C 停止）"
	$(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) var
