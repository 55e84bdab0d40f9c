# aiconsole — see README.md. `make run` builds and runs, `make test` runs every test.
SWIFT ?= swift
STATE_DIR ?= $(or $(XDG_STATE_HOME),$(HOME)/.local/state)/aiconsole
BIN := .build/debug/aiconsole

.PHONY: run serve test lint format bench deps build

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

run: build
	$(BIN) --embedded --state-dir "$(STATE_DIR)"

serve: build
	$(BIN) serve --state-dir "$(STATE_DIR)" --demo

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

test: deps lint
	$(SWIFT) build --build-tests
	AICONSOLE_BIN=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build -c release --product aiconsole-bench
	$(SWIFT) build -c release --product aiconsole
	.build/release/aiconsole-bench --output docs/benchmarks.md
