// Multi-region strong consistency under random schedules and fault plans
// beyond exhaustive reach: 3 regions, 2 items, 3 clients with 4 operations
// each, eventually consistent reads mixed in, every fault the model has (a
// cut, an isolation, an outage, engine crashes, a region's storage lost).
// What must hold whatever the schedule: linearizable writes and strong
// reads, tables that follow the journal, convergence, RPO 0, harmless
// replays, availability wherever a region reaches another
// (tests/models/random_schedules.hpp drives it).
#include "models/journal/model.hpp"
#include "tests/models/random_schedules.hpp"

using namespace replicheck;
using models::Mrsc;

namespace {

const std::vector<std::string> kConfig = {"keys=2",  "clients=3", "ops=4",    "reads=mixed", "retries=2",
                                          "cuts=1",  "isolations=1", "outages=1", "crashes=2", "losses=1"};
const std::vector<std::string> kMustHold = {"linearizable",  "tables-follow-journal", "converge",
                                            "no-lost-write", "applied-once",          "no-false-conflict",
                                            "available-with-majority", "isolated-region-cannot-commit"};

// New faults; draining allows only repairs (heal, rejoin, come back up, restart).
bool is_fault(const Mrsc::Action& a) {
  using A = Mrsc::Action;
  if (a.kind == A::Fault) return !world::is_repair(a.fault);
  if (a.kind == A::RoleFault) return a.c == world::RoleFault::Crash;
  return a.kind == A::Lose || a.kind == A::Elect;
}

}  // namespace

TEST_CASE("mrsc random schedules keep linearizability, one journal order and RPO 0") {
  testing::check_random_schedules<Mrsc>(kConfig, kMustHold, "mrsc-random-failure.json", is_fault);
}

TEST_CASE("mrsc random schedules on the replicated journal keep it refining the atomic one") {
  auto config = kConfig;
  config.erase(std::remove(config.begin(), config.end(), std::string("losses=1")), config.end());
  for (const char* extra : {"journal=replicated", "elections=2"}) config.push_back(extra);
  auto must_hold = kMustHold;
  must_hold.push_back("refines-atomic-journal");
  testing::check_random_schedules<Mrsc>(config, must_hold, "mrsc-replicated-random-failure.json", is_fault);
}

TEST_CASE("mrsc random schedules catch a seeded bug and save a replayable trace") {
  auto config = kConfig;
  config.push_back("bug=no-read-fence");
  testing::check_catches_bug<Mrsc>(config, kMustHold, "mrsc-random-mutant.json", is_fault);
}
