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

# Suites that measure time (leases, scrape windows, cancellation, a terminal driven in real time)
# run on their own after the rest: in the parallel run, hundreds of other tests on two cores can
# stall a task for seconds.
TIMED_SUITES := LeaderElectionTests|PrometheusServerTests|DemoTrafficTests|ConsoleTmuxTests|DemoTmuxTests|ConsoleOperationsTmuxTests

test: deps lint
	$(SWIFT) build --build-tests
	AICONSOLE_BIN=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --skip '$(TIMED_SUITES)'
	AICONSOLE_BIN=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --no-parallel --filter '$(TIMED_SUITES)'

bench: deps
	$(SWIFT) build -c release --product aiconsole-bench
	$(SWIFT) build -c release --product aiconsole
	.build/release/aiconsole-bench --output docs/benchmarks.md
