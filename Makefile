# firsthop build. Every target picks a JDK 21+ itself (bin/find-jdk), since the machine's
# default java may be older.
JAVA_HOME := $(shell bin/find-jdk)
ifeq ($(JAVA_HOME),)
$(error no JDK 21 or newer found: install one (apt-get install openjdk-21-jdk-headless) or set JAVA_HOME)
endif
export JAVA_HOME
MVN ?= mvn
MVN_FLAGS ?= -B -ntp

.PHONY: build test demo bench run clean

## build: compile everything and lay out bin/firsthop's class path (no tests)
build:
	$(MVN) $(MVN_FLAGS) -DskipTests install

## test: compile and run every test (what .ci/run calls)
test:
	$(MVN) $(MVN_FLAGS) install

## demo: build, then run the demo topology on the virtual engine
demo: build
	bin/firsthop demo

## bench: build, then run the virtual-engine benchmark
bench: build
	bin/firsthop bench

## run: build, then replay a scenario on the virtual engine and print its report
##   make run SCENARIO=scenarios/09-vrrp-failover.yaml [ARGS="--capture --out runs/mine"]
SCENARIO ?= scenarios/09-vrrp-failover.yaml
run: build
	bin/firsthop run $(SCENARIO) $(ARGS)

clean:
	$(MVN) $(MVN_FLAGS) clean

## cluster-up: build, then start one JVM per site on this machine (SITES=seoul,daegu TOPOLOGY=two-site-vrrp|chain-two-site|none)
SITES ?= seoul,daegu
TOPOLOGY ?= two-site-vrrp
.PHONY: cluster-up cluster-status cluster-down cluster-bench
cluster-up: build
	bin/firsthop cluster up --sites $(SITES) --topology $(TOPOLOGY)

## cluster-status: the local cluster's sites, pids and members
cluster-status:
	bin/firsthop cluster status

## cluster-down: stop exactly the site JVMs cluster-up started (SIGTERM, then SIGKILL)
cluster-down:
	bin/firsthop cluster down

## cluster-bench: build, then run the cluster engine's benchmarks (about 2 minutes)
cluster-bench: build
	bin/firsthop cluster bench
