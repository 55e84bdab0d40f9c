# aiconsole — see README.md. `make run` builds and runs, `make test` runs every test.
SWIFT ?= swift
STATE_DIR ?= $(or $(XDG_STATE_HOME),$(HOME)/.local/state)/aiconsole
BIN := .build/debug/aiconsole

.PHONY: run serve test lint format bench deps build soak fuzz

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

# Suites that measure time (leases, scrape windows, cancellation, a terminal driven in real time,
# a write rate) run on their own after the rest: in the parallel run, hundreds of other tests on
# two cores can stall a task for seconds (the write-load test's writer reached 28 of its 200
# writes/s there, and 198/s alone beside three busy loops). A whole demo world (DemoAnalysisTests)
# runs here too: its traffic took enough of the two cores to stall the log-following tests past a minute.
TIMED_SUITES := LeaderElectionTests|PrometheusServerTests|DemoTrafficTests|ConsoleTmuxTests|DemoTmuxTests|ConsoleOperationsTmuxTests|WriteLoadTests|ConnectionLimitsTests|CanaryDeliveryTests|DemoAnalysisTests

test: deps lint
	$(SWIFT) build --build-tests
	AICONSOLE_BIN=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --skip '$(TIMED_SUITES)'
	AICONSOLE_BIN=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --no-parallel --filter '$(TIMED_SUITES)'

# The fault scenarios at full length (1,000 writes/s with 50 watchers and the console for 60 s,
# five SIGKILLs under writes, ...) against the release binary; figures go to docs/reliability.md.
SOAK_SUITES := WriteLoadTests|DurabilityTests|ControllerRestartTests|ControllerProcessTests|GatewayProxyTests|GatewayTLSTests|ConnectionLimitsTests|GatewayConnectionLimitsTests|GatewayTLSVersionTests|RouteEditOperationTests|ListWatchTests|InformerTests|StatePermissionsTests|StateDirectoryLockTests|WatchWindowMemoryTests|ObjectSizeLimitTests|BadInputCorpusTests|ConsoleTmuxTests
RELIABILITY := .build/reliability

soak: deps
	$(SWIFT) build --build-tests
	$(SWIFT) build -c release --product aiconsole
	mkdir -p $(RELIABILITY) && rm -f $(RELIABILITY)/soak.jsonl
	AICONSOLE_SOAK=1 AICONSOLE_RELIABILITY_REPORT=$(CURDIR)/$(RELIABILITY)/soak.jsonl \
	  AICONSOLE_BIN=$(CURDIR)/.build/release/aiconsole \
	  $(SWIFT) test --skip-build --no-parallel --filter '$(SOAK_SUITES)' 2>&1 | tee $(RELIABILITY)/soak.log; \
	  printf '{"scenario":"all scenarios","tests_passed":%s,"tests_failed":%s}\n' \
	    "$$(grep -c '^✔ Test ' $(RELIABILITY)/soak.log)" \
	    "$$(grep '^✘ Test .* failed after' $(RELIABILITY)/soak.log | grep -vc '^✘ Test run')" \
	    >> $(RELIABILITY)/soak.jsonl; \
	  scripts/reliability-report.sh soak $(RELIABILITY)/soak.jsonl; \
	  ! grep -q '^✘ Test .* failed after' $(RELIABILITY)/soak.log

# libFuzzer on the parsers of outside input, FUZZ_SECONDS (60) per target; a crash is kept under
# .build/fuzz/crashes and replayed with `AICONSOLE_FUZZ_TARGET=T .build/debug/aiconsole-fuzz FILE`.
# Linked with lld: gold fails on the instrumented objects (internal error in format_file_lineno).
fuzz: deps
	$(SWIFT) build --product aiconsole-fuzz --build-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING \
	  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
	mkdir -p $(RELIABILITY)
	scripts/fuzz.sh $(RELIABILITY)/fuzz.jsonl
	scripts/reliability-report.sh fuzz $(RELIABILITY)/fuzz.jsonl

bench: deps
	$(SWIFT) build -c release --product aiconsole-bench
	$(SWIFT) build -c release --product aiconsole
	.build/release/aiconsole-bench --output docs/benchmarks.md
