// Log shipping under random schedules and fault plans beyond exhaustive
// reach: 3 regions, 2 items, 3 clients with 4 operations each, a lease for
// fencing, managed RPO, and every fault (a cut, an isolation, an outage,
// shipper crashes, lost and duplicated messages) plus a switchover and a
// failover. What must hold whatever the schedule: one writer, secondaries as
// prefixes of the primary, convergence, reads answered at once, and loss
// within the RPO (tests/models/random_schedules.hpp drives it).
#include "models/logship/model.hpp"
#include "tests/models/random_schedules.hpp"

using namespace replicheck;
using models::LogShipping;

namespace {

const std::vector<std::string> kConfig = {"regions=3", "keys=2",  "clients=3", "ops=4",     "fencing=lease",
                                          "rpo=2",     "cuts=1",  "isolations=1", "outages=1", "crashes=2",
                                          "drops=1",   "duplicates=1"};
const std::vector<std::string> kMustHold = {"single-writer", "log-prefix", "converge", "reads-available",
                                            "lost-within-rpo"};

// New faults and control-plane disruptions; draining allows only repairs.
bool is_fault(const LogShipping::Action& a) {
  using A = LogShipping::Action;
  if (a.kind == A::Fault) return !world::is_repair(a.fault);
  if (a.kind == A::RoleFault) return a.c == world::RoleFault::Crash;
  return a.kind == A::BeginSwitchover || a.kind == A::Failover;
}

}  // namespace

TEST_CASE("logship random schedules keep one writer and log prefixes within the RPO bound") {
  testing::check_random_schedules<LogShipping>(kConfig, kMustHold, "logship-random-failure.json", is_fault);
}

TEST_CASE("logship random schedules catch a seeded bug and save a replayable trace") {
  auto config = kConfig;
  config.push_back("bug=rejoin-without-discard");
  testing::check_catches_bug<LogShipping>(config, kMustHold, "logship-random-mutant.json", is_fault);
}
