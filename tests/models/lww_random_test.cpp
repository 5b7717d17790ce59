// Random schedules and fault plans on a configuration larger than exhaustive
// search reaches: 4 regions, 3 items, 4 clients with 5 operations each (20 in
// all), every fault (link cuts, an isolation, an outage, replicator crashes
// and pauses, lost and duplicated messages), clock skew, per-key delivery.
// RapidCheck chooses every step among the enabled actions; the schedule is
// then drained (no new faults, links healed, replicators restarted) and the
// properties that must hold are asserted: those of issue 3's table, and
// what two client patterns promise (version tokens: session guarantees in
// every region; home-region writes: no lost increment). A failing schedule
// shrinks to a minimal one and is saved as a trace that `replicheck replay`
// re-executes.
#include "models/lww/model.hpp"
#include "tests/models/random_schedules.hpp"

using namespace replicheck;
using models::Lww;

namespace {

const std::vector<std::string> kConfig = {
    "regions=4", "keys=3",   "clients=4", "ops=5",        "cuts=2",        "isolations=1",     "outages=1",
    "crashes=2", "pauses=2", "drops=2",   "duplicates=2", "skew=0,-2,1,0", "ordering=key-fifo"};
// Properties that hold under every fault mix (issue 3's table).
const std::vector<std::string> kMustHold = {"converge",
                                            "no-relay",
                                            "stream-matches-table",
                                            "available",
                                            "read-your-writes-in-region",
                                            "monotonic-reads-in-region",
                                            "no-torn-transaction-in-region"};
// Version tokens: a session's reads see its writes and never go back, in any region.
const std::vector<std::string> kTokens = {"pattern=version-tokens"};
const std::vector<std::string> kMustHoldTokens = {"converge",
                                                  "no-relay",
                                                  "stream-matches-table",
                                                  "read-your-writes-in-region",
                                                  "read-your-writes-routed",
                                                  "monotonic-reads-in-region",
                                                  "monotonic-reads-routed"};
// Counters written in each item's home region: nothing lost, whatever the faults.
const std::vector<std::string> kHomeCounters = {"workload=counter", "pattern=home-region"};
const std::vector<std::string> kMustHoldHomeCounters = {"converge", "no-relay", "stream-matches-table",
                                                        "no-lost-increment", "later-write-wins"};

// A new fault (draining allows only the repairs: heal, rejoin, up, restart, resume).
bool is_fault(const Lww::Action& a) {
  if (a.kind == Lww::Action::Fault) return !world::is_repair(a.fault);
  return a.kind == Lww::Action::RoleFault && (a.c == world::RoleFault::Crash || a.c == world::RoleFault::Pause);
}

void check_random_schedules(const std::vector<std::string>& extra, const std::vector<std::string>& must_hold,
                            const std::string& file) {
  auto config = kConfig;
  config.insert(config.end(), extra.begin(), extra.end());
  testing::check_random_schedules<Lww>(config, must_hold, file, is_fault);
}

}  // namespace

TEST_CASE("LWW random schedules keep every always-true property") {
  check_random_schedules({}, kMustHold, "lww-random-failure.json");
}

TEST_CASE("LWW random schedules lose no increment written at home") {
  check_random_schedules(kHomeCounters, kMustHoldHomeCounters, "lww-random-counter-failure.json");
}

TEST_CASE("LWW random schedules: version tokens keep sessions consistent across regions") {
  check_random_schedules(kTokens, kMustHoldTokens, "lww-random-tokens-failure.json");
}

TEST_CASE("the random schedules catch a seeded bug and save a replayable trace") {
  auto config = kConfig;
  config.push_back("bug=apply-without-compare");
  testing::check_catches_bug<Lww>(config, kMustHold, "lww-random-mutant.json", is_fault, 200);
}
