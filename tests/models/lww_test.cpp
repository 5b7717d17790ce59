// The LWW model must give every property the verdict the seeds lead us to
// expect, reach its interesting events, and catch each seeded bug.
#include <catch2/catch.hpp>
#include <algorithm>

#include "models/lww/model.hpp"
#include "tests/explorer/roundtrip.hpp"
#include "tests/models/verdicts.hpp"

using namespace replicheck;
using models::Lww;

namespace {
Lww make(const std::vector<std::string>& params) { return testing::make<Lww>(params); }
using testing::statuses;
}  // namespace

TEST_CASE("LWW: every property gets the verdict the seeds predict") {
  auto s = statuses(make({}));
  CHECK(s["converge"] == "holds");
  CHECK(s["no-relay"] == "holds");
  CHECK(s["stream-matches-table"] == "holds");
  CHECK(s["available"] == "holds");
  CHECK(s["later-write-wins"] == "holds");
  CHECK(s["read-your-writes-in-region"] == "holds");
  CHECK(s["monotonic-reads-in-region"] == "holds");
  CHECK(s["no-torn-transaction-in-region"] == "holds");
  CHECK(s["read-your-writes-routed"] == "violated");
  CHECK(s["monotonic-reads-routed"] == "violated");
  CHECK(s["no-lost-write"] == "violated");
  CHECK(s["linearizable"] == "violated");
  CHECK(s["no-torn-transaction-remote"] == "violated");
  CHECK(s["serializable"] == "violated");  // the torn read is a cycle: no serial order explains it
  CHECK(s["stale-write-dropped"] == "reached");
  CHECK(s["replicated-overwrites-local"] == "reached");
}

TEST_CASE("LWW converges and stays available under every fault mix") {
  auto faults = GENERATE(std::vector<std::string>{"ops=1"},
                         std::vector<std::string>{"ops=1", "cuts=1", "pauses=1", "crashes=1", "skew=0,-2"},
                         std::vector<std::string>{"ops=1", "isolations=1", "crashes=0"},
                         std::vector<std::string>{"ops=1", "outages=1", "crashes=0"},
                         std::vector<std::string>{"ops=1", "drops=1", "duplicates=1", "crashes=0"},
                         std::vector<std::string>{"ops=4", "clients=1", "ordering=unordered", "crashes=1"},
                         std::vector<std::string>{"ops=4", "clients=1", "ordering=key-fifo", "drops=1"},
                         std::vector<std::string>{"ops=1", "regions=3", "keys=1", "isolations=1", "crashes=0"});
  CAPTURE(faults);
  auto s = statuses(make(faults));
  CHECK(s["converge"] == "holds");
  CHECK(s["no-relay"] == "holds");
  CHECK(s["stream-matches-table"] == "holds");
  CHECK(s["available"] == "holds");
  CHECK(s["read-your-writes-in-region"] == "holds");
  if (s.by_name.count("outage-refuses-client")) CHECK(s["outage-refuses-client"] == "reached");
}

TEST_CASE("LWW: in-region guarantees hold for strongly consistent reads only") {
  auto s = statuses(make({"reads=eventual"}));
  CHECK(s["read-your-writes-in-region"] == "violated");
  CHECK(s["no-torn-transaction-in-region"] == "violated");
  CHECK(s["converge"] == "holds");
}

TEST_CASE("LWW: seed 004's broken link strands a write until the link heals") {
  auto s = statuses(make({"regions=3", "keys=1", "clients=1", "ops=1", "cuts=1", "crashes=0"}));
  CHECK(s["stranded-by-broken-link"] == "reached");
  CHECK(s["converge"] == "holds");
  CHECK(s["no-relay"] == "holds");
}

TEST_CASE("LWW offers the conflict properties only where writes come from two regions") {
  // One client (or every client at one home) writes in one region: no
  // conflict can happen, so the run is not failed as vacuous for it.
  auto one_client = make({"regions=3", "keys=1", "clients=1", "ops=1", "cuts=1", "crashes=0"});
  auto result = Bfs<Lww>(one_client, SearchOptions{}).run();
  CHECK(result.verdict == Verdict::Pass);
  auto s = statuses(one_client);
  CHECK(s.by_name.count("stale-write-dropped") == 0);
  CHECK(s.by_name.count("replicated-overwrites-local") == 0);
  CHECK(statuses(make({"homes=0,0"})).by_name.count("stale-write-dropped") == 0);
  CHECK(statuses(make({"homes=0,1"}))["stale-write-dropped"] == "reached");
}

TEST_CASE("LWW: clock skew lets an earlier write win over a later one, unless one clock stamps the item") {
  CHECK(statuses(make({"skew=0,-3"}))["later-write-wins"] == "violated");
  CHECK(statuses(make({"skew=0,-3", "pattern=home-region"}))["later-write-wins"] == "holds");
}

TEST_CASE("LWW counters lose concurrent increments (seed 004, not seed 001), unless written at home") {
  auto s = statuses(make({"workload=counter", "keys=1", "ops=2"}));
  CHECK(s["no-lost-increment"] == "violated");
  CHECK(s["converge"] == "holds");
  auto home = statuses(make({"workload=counter", "keys=1", "ops=2", "pattern=home-region"}));
  CHECK(home["no-lost-increment"] == "holds");
  CHECK(home["available"] == "holds");
  auto cut = statuses(make({"workload=counter", "keys=1", "ops=2", "pattern=home-region", "cuts=1"}));
  CHECK(cut["available"] == "violated");  // the cost: a write waits for its home region
}

TEST_CASE("LWW: seed 004's demo, three regions incrementing five times each, converges to 5") {
  Lww m = make({"regions=3", "clients=3", "ops=5", "workload=counter", "keys=1", "crashes=0"});
  Lww::State s = m.initial_states()[0], t;
  // Every region increments five times before any replication...
  for (std::uint8_t c = 0; c < 3; ++c)
    for (int i = 0; i < 5; ++i) {
      REQUIRE(m.next(s, {Lww::Action::Client, 0, 0, 0, {world::ClientStep::Invoke, c}}, t));
      REQUIRE(m.next(t, {Lww::Action::Client, 0, 0, 0, {world::ClientStep::Complete, c}}, s));
    }
  // ...then replication drains.
  for (int steps = 0; !m.quiescent(s); ++steps) {
    REQUIRE(steps < 1000);
    bool moved = false;
    m.actions(s, [&](const Lww::Action& a) {
      if (!moved && a.kind != Lww::Action::RoleFault && a.kind != Lww::Action::Fault && m.next(s, a, t)) moved = true;
    });
    REQUIRE(moved);
    s = t;
  }
  for (int r = 0; r < 3; ++r) CHECK(int(s.regions[r].data.items[0].version.value) == 5);
  int acknowledged = 0;
  for (int i = 0; i < s.clients.length; ++i) acknowledged += s.clients.history[i].status == world::OpStatus::Ok;
  CHECK(acknowledged == 15);
}

TEST_CASE("LWW client patterns: what each repairs and what it costs") {
  SECTION("sticky sessions repair routed reads, if the window covers them") {
    auto s = statuses(make({"pattern=sticky"}));
    CHECK(s["read-your-writes-routed"] == "holds");
    CHECK(s["monotonic-reads-routed"] == "holds");
    CHECK(statuses(make({"pattern=sticky", "sticky-window=1"}))["read-your-writes-routed"] == "violated");
  }
  SECTION("version tokens repair routed reads and cost availability") {
    auto s = statuses(make({"pattern=version-tokens"}));
    CHECK(s["read-your-writes-routed"] == "holds");
    CHECK(s["monotonic-reads-routed"] == "holds");
    CHECK(s["available"] == "violated");
  }
  SECTION("conditional writes are refused on conflict in one region, but not across regions") {
    auto s = statuses(make({"pattern=conditional"}));
    CHECK(s["conditional-write-refused"] == "reached");
    CHECK(s["no-lost-write"] == "violated");  // clients in two regions both pass their local checks
    CHECK(statuses(make({"homes=0,0"}))["no-lost-write"] == "violated");
    CHECK(statuses(make({"homes=0,0", "pattern=conditional"}))["no-lost-write"] == "holds");
  }
  SECTION("home-region partitioning ends conflicts and costs availability under partitions") {
    auto s = statuses(make({"pattern=home-region"}));
    CHECK(s["stale-write-dropped"] == "unreached");
    CHECK(s["available"] == "holds");
    CHECK(statuses(make({"pattern=home-region", "cuts=1"}))["available"] == "violated");
  }
}

TEST_CASE("LWW: each seeded bug is caught") {
  auto [bug, extra, broken] = GENERATE(table<std::string, std::string, std::string>({
      {"no-tiebreak", "skew=-1", "converge"},
      {"apply-without-compare", "skew=0", "converge"},
      {"apply-without-compare", "skew=0", "stream-matches-table"},
      {"checkpoint-before-apply", "crashes=1", "converge"},
      {"relay-no-origin-check", "skew=0", "no-relay"},
  }));
  auto correct = statuses(make({extra}));
  REQUIRE(correct[broken] == "holds");
  auto s = statuses(make({"bug=" + bug, extra}));
  CHECK(s[broken] == "violated");
}

TEST_CASE("LWW encodings round-trip") {
  CHECK(testing::check_roundtrip(make({"regions=3", "cuts=1", "pauses=1"}), 5) > 1000);
  CHECK(testing::check_roundtrip(make({"regions=4", "keys=3", "clients=4", "isolations=1", "outages=1", "drops=1",
                                       "duplicates=1", "pattern=version-tokens"}), 4) > 1000);
  CHECK(testing::check_roundtrip(make({"pattern=sticky", "workload=counter"}), 6) > 100);
  CHECK(testing::check_roundtrip(make({"pattern=conditional", "ordering=unordered"}), 6) > 100);
}
