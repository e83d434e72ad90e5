# The two commands a new user needs: `make run` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

PORT ?= 3000

.PHONY: run test build release deps run-deps test-deps bench-deps clients check-clients spec-check tsc-check bench clean

## make run: install what is missing, build, start the server on port $(PORT) with SQLite.
run: run-deps
	swift build --product trading-server
	.build/debug/trading-server serve --port $(PORT)

## make test: install what is missing and run every test and external checker.
test: test-deps
	scripts/test.sh

build: deps
	swift build

deps:
	@scripts/install-deps.sh build

## make release: the optimized server as deployed and benchmarked (Swift runtime linked in).
release:
	@scripts/install-deps.sh release
	scripts/build-release.sh trading-server
	@echo "built $$(swift build -c release --show-bin-path)/trading-server"

run-deps:
	@scripts/install-deps.sh run

test-deps:
	@scripts/install-deps.sh test

bench-deps:
	@scripts/install-deps.sh bench

## The spec is valid OpenAPI 3.1.
spec-check:
	.venv/bin/python -m openapi_spec_validator openapi.yaml

## The committed TypeScript client is exactly what the generator makes of openapi.yaml.
check-clients:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	swift run --skip-build Codegen typescript openapi.yaml "$$tmp" 2>/dev/null || swift run Codegen typescript openapi.yaml "$$tmp"; \
	if ! diff -ru clients/typescript "$$tmp" -x node_modules -x dist -x "*.tgz"; then \
	  echo "clients/typescript is stale: run 'make clients' and commit the result"; exit 1; \
	fi; echo "clients/typescript is up to date"

## The TypeScript client type-checks under strict settings.
tsc-check:
	tsc --noEmit -p clients/typescript
	@echo "tsc: clients/typescript type-checks"

## Regenerate the committed TypeScript client.
clients: deps
	swift run Codegen typescript openapi.yaml clients/typescript

## Benchmarks (see bench/README.md).
bench: bench-deps
	bench/codegen.sh --clean
	bench/http.sh
	bench/peer.sh
	bench/ws-fanout.sh
	bench/storage.sh
	bench/engine.sh
	bench/exchange.sh
	bench/strategies.sh
	bench/ranking.sh
	bench/forecast.sh
	bench/journal.sh
	bench/memory.sh

clean:
	rm -rf .build
