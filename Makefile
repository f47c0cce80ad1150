# A thin wrapper over CMake so the README's commands stay short.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
PERF_OUT ?= $(BUILD)/perf-results
PICTURES ?= out/pictures
HEAP_MAPS ?= docs/pictures/heap-map
# The fragmentation figures (README, "Fragmentation"): fragment.py on every backend, the table,
# $(PERF_OUT)/fragmentation.json and one heap map per backend in $(PERF_OUT)/heap-map/.
FRAGMENTATION = mkdir -p $(PERF_OUT) && $(BUILD)/heaplab compare perf/workloads/fragment.py --repeat 1 --fragmentation \
	--heap-map $(PERF_OUT)/heap-map --json $(PERF_OUT)/fragmentation.json

.PHONY: all deps build run bench bench-quick pauses fragmentation pictures gc-trace false-retention test test-stress test-asan clean

all: build

deps:
	@sh scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: the bundled workload on every backend, side by side.
run: build
	$(BUILD)/heaplab compare perf/workloads/main.py

# Every benchmark on every backend, the peers (python3, Lua 5.4, Boehm) and whole scripts in
# one run: $(PERF_OUT)/bench.json, ratios.md, results.md and the plots. bench-quick: a smoke run.
bench: build
	/usr/bin/python3 perf/peers.py --bench $(BUILD)/heaplab_bench --heaplab $(BUILD)/heaplab --out $(PERF_OUT)
	/usr/bin/python3 perf/pauses.py --heaplab $(BUILD)/heaplab --lua-pauses $(BUILD)/lua_pauses --out $(PERF_OUT)
	$(FRAGMENTATION)
	/usr/bin/python3 perf/heap_map.py $(PERF_OUT)/heap-map $(PERF_OUT)/heap-map/*.map
	/usr/bin/python3 perf/report $(PERF_OUT)

bench-quick: build
	/usr/bin/python3 perf/peers.py --bench $(BUILD)/heaplab_bench --heaplab $(BUILD)/heaplab --out $(PERF_OUT) --quick
	/usr/bin/python3 perf/pauses.py --heaplab $(BUILD)/heaplab --lua-pauses $(BUILD)/lua_pauses --out $(PERF_OUT) --quick
	$(FRAGMENTATION)
	/usr/bin/python3 perf/heap_map.py $(PERF_OUT)/heap-map $(PERF_OUT)/heap-map/*.map
	/usr/bin/python3 perf/report $(PERF_OUT)

# The collectors' pauses alone (README, "Watching the collector"): heaplab's three modes on
# every backend and Lua 5.4's two, on the churn and tree workloads: $(PERF_OUT)/pauses.md.
pauses: build
	/usr/bin/python3 perf/pauses.py --heaplab $(BUILD)/heaplab --lua-pauses $(BUILD)/lua_pauses --out $(PERF_OUT)

# The README's fragmentation table and heap maps in one command: the table is printed, the
# pictures go to $(HEAP_MAPS)/<backend>.png.
fragmentation: build
	$(FRAGMENTATION)
	/usr/bin/python3 perf/heap_map.py $(HEAP_MAPS) $(PERF_OUT)/heap-map/*.map

# Heap pictures of the seed's teaching scripts (Graphviz DOT, SVG and PNG), one directory per
# script: $(PICTURES)/06_shallow_vs_deep_copy_nested_list/001-shallow-copy.png and so on.
pictures: build
	@sh examples/seed/pictures.sh $(BUILD)/heaplab $(PICTURES)
	@echo "shallow copy: $(PICTURES)/06_shallow_vs_deep_copy_nested_list/001-shallow-copy.png"
	@echo "deep copy:    $(PICTURES)/06_shallow_vs_deep_copy_nested_list/002-deep-copy.png"

# The incremental collector drawn step by step (README, "Watching the collector"):
# $(PICTURES)/gc-trace/001-step-1-mark.png and on.
gc-trace: build
	@rm -rf $(PICTURES)/gc-trace
	$(BUILD)/heaplab run --gc-trace $(PICTURES)/gc-trace examples/gc_trace/tricolour.py
	@ls $(PICTURES)/gc-trace/*.png

# False retention (README, "False retention"): one integer equal to an object's address keeps a
# table alive on Boehm, not on heaplab's collector. The C example's counts on both, the script's,
# and the picture of what Boehm kept: $(PICTURES)/false-retention/boehm-kept.png (and .dot, .svg).
false-retention: build
	@mkdir -p $(PICTURES)/false-retention
	$(BUILD)/false_retention --dot $(PICTURES)/false-retention/boehm-kept.dot
	@for backend in boehm system; do \
		echo; echo "heaplab run --backend $$backend examples/false_retention/seen_ids.py"; \
		$(BUILD)/heaplab run --backend $$backend examples/false_retention/seen_ids.py || exit 1; \
	done
	@echo
	@if command -v dot >/dev/null; then \
		dot -Tpng -o $(PICTURES)/false-retention/boehm-kept.png $(PICTURES)/false-retention/boehm-kept.dot && \
		dot -Tsvg -o $(PICTURES)/false-retention/boehm-kept.svg $(PICTURES)/false-retention/boehm-kept.dot && \
		echo "what Boehm kept: $(PICTURES)/false-retention/boehm-kept.png"; \
	else \
		echo "what Boehm kept: $(PICTURES)/false-retention/boehm-kept.dot (install Graphviz for the PNG)"; \
	fi

test: build
	ctest --test-dir $(BUILD) -L default --output-on-failure

# The whole suite with a collection before every allocation.
test-stress: build
	ctest --test-dir $(BUILD) -L stress --output-on-failure

# The whole suite built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DHEAPLAB_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	ctest --test-dir $(ASAN_BUILD) -L default --output-on-failure

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-O3-gcc build-O3-clang

# ---- reliability (issue 8): the whole suite every way, fuzzing, the heavy tests ----
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60

.PHONY: check-all check-warnings test-asan-stress test-faults test-valgrind fuzz-build fuzz-replay fuzz check-heavy

# Everything: the default suite, GC stress on every backend (unit suites and language corpus),
# ASan+UBSan (default suite, stress, every fault sweep), the fuzz corpora under clang's
# ASan+UBSan, and valgrind memcheck over the examples.
check-all: test check-warnings test-stress test-asan test-asan-stress test-faults fuzz-replay test-valgrind

# Everything compiled as a Release build (-O3) with gcc and with clang, warnings as errors:
# gcc's -O3 inlining finds what -O2 does not (an out-of-bounds index, a maybe-uninitialized
# value), and a user's `cmake -DCMAKE_BUILD_TYPE=Release` must build.
check-warnings: deps
	@for cc in gcc clang; do \
		echo "check-warnings: $$cc -O3"; \
		CC=$$cc CXX=$$(echo $$cc | sed 's/gcc/g++/;s/clang/clang++/') \
			cmake -S . -B build-O3-$$cc -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null || exit 1; \
		cmake --build build-O3-$$cc -j $(JOBS) >/dev/null || exit 1; \
	done

# STRESS_EXCLUDE=regex leaves some out (CI: boehm, whose two suites take most of the time).
STRESS_EXCLUDE ?=
test-asan-stress: test-asan
	ctest --test-dir $(ASAN_BUILD) -L stress $(if $(STRESS_EXCLUDE),-E '$(STRESS_EXCLUDE)') --output-on-failure

test-faults: test-asan
	ctest --test-dir $(ASAN_BUILD) -L faults --output-on-failure

test-valgrind: build
	ctest --test-dir $(BUILD) -L valgrind --output-on-failure

# libFuzzer targets (clang), over a library built with ASan+UBSan and coverage.
fuzz-build: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DHEAPLAB_FUZZ=ON -DHEAPLAB_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_lang fuzz_ops fuzz_replay_lang fuzz_replay_ops

fuzz-replay: fuzz-build
	ctest --test-dir $(FUZZ_BUILD) -R '^fuzz\.replay\.' --output-on-failure

# Each fuzz target for FUZZ_SECONDS (tests/fuzz/run.sh).
fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# 10,000,000 objects on every backend, with the figures.
check-heavy: build
	ctest --test-dir $(BUILD) -L heavy --output-on-failure -V
