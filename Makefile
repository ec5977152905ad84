# The project's entry point. `make serve` builds the page in release mode and
# serves it on 127.0.0.1; `make test` installs what the tests need and runs them
# all. Both work on a fresh Debian 12 machine (see README.md).

.PHONY: serve test bench lint
serve:
	bash scripts/serve.sh

test:
	bash scripts/test.sh

bench:
	bash scripts/bench.sh

lint:
	bash scripts/lint.sh
