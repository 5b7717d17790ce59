// The log-shipping model (Aurora Global Database) must show what the
// documentation and the seeds say a single-writer design gives and costs:
// one writer only with a fencing design that works, secondaries always a
// prefix of the primary, no loss across a switchover, loss across a
// failover bounded by managed RPO, CP availability; and catch each seeded bug.
#include <catch2/catch.hpp>

#include "models/logship/model.hpp"
#include "tests/models/verdicts.hpp"

using namespace replicheck;
using models::LogShipping;
using testing::statuses;

namespace {
LogShipping make(const std::vector<std::string>& params) { return testing::make<LogShipping>(params); }
// Without switchover or failover, so the reads' guarantees are the patterns' own.
std::vector<std::string> steady(std::vector<std::string> extra) {
  for (const char* p : {"failovers=0", "switchovers=0", "isolations=0", "ops=3"}) extra.insert(extra.begin(), p);
  return extra;
}
}  // namespace

TEST_CASE("logship: best-effort fencing lets a partition hide the fence (two writers)") {
  auto s = statuses(make({}));
  CHECK(s["single-writer"] == "violated");
  CHECK(s["log-prefix"] == "holds");
  CHECK(s["converge"] == "holds");
  CHECK(s["no-lost-write"] == "violated");  // the failover loses the unshipped tail
  CHECK(s["available"] == "violated");      // CP: a secondary refuses writes
  CHECK(s["reads-available"] == "holds");
  CHECK(s["linearizable"] == "violated");   // secondary reads lag
  for (const char* event : {"switchover-completes", "failover-happens", "old-primary-rejoins",
                            "write-refused-at-secondary"})
    CHECK(s[event] == "reached");
}

TEST_CASE("logship: a write lease the control plane waits out keeps a single writer") {
  for (const auto& regions : {"regions=2", "regions=3"}) {
    CAPTURE(regions);
    auto s = statuses(make({regions, "clients=1", "fencing=lease"}));
    CHECK(s["single-writer"] == "holds");
    CHECK(s["log-prefix"] == "holds");
    CHECK(s["converge"] == "holds");
    CHECK(s["old-primary-rejoins"] == "reached");
  }
}

TEST_CASE("logship: secondaries never show a torn transaction (unlike async global tables)") {
  for (const char* fencing : {"fencing=best-effort", "fencing=lease"}) {
    CAPTURE(fencing);
    auto s = statuses(make({fencing, "keys=2", "failovers=0", "isolations=0", "ops=3"}));
    CHECK(s["no-torn-transaction"] == "holds");
    CHECK(s["read-your-writes-routed"] == "violated");  // the reads did reach lagging secondaries
  }
  // The property can fail: a read that shows half of a transaction.
  LogShipping m = make({"keys=2"});
  LogShipping::State st = m.initial_states()[0];
  world::ClientOp txn;
  txn.kind = world::OpKind::Write, txn.key = world::kEveryKey, txn.values = {1, 1, 0}, txn.stamp = 1;
  st.clients.invoke(txn);
  st.clients.respond(0, world::OpStatus::Ok);
  world::ClientOp torn;
  torn.client = 1, torn.key = world::kEveryKey;
  st.clients.invoke(torn);
  st.clients.pending_op(1).values = {1, 0, 0};
  st.clients.respond(1, world::OpStatus::Ok);
  for (const auto& p : m.properties())
    if (p.name == "no-torn-transaction") CHECK_FALSE(p.holds(m, st));
}

TEST_CASE("logship: the primary is strict serializable, secondaries serializable but not strict") {
  auto s = statuses(make({"keys=2", "failovers=0", "switchovers=0", "isolations=0", "ops=3"}));
  CHECK(s["strict-serializable-at-primary"] == "holds");
  CHECK(s["serializable"] == "holds");
  CHECK(s["strict-serializable"] == "violated");  // a secondary's read misses a write acknowledged before it began
  auto switched = statuses(make({"keys=2", "failovers=0", "isolations=0", "ops=3"}));
  CHECK(switched["serializable"] == "holds");  // a switchover keeps one log
}

TEST_CASE("logship: without fencing the old primary never steps down") {
  auto s = statuses(make({"fencing=none"}));
  CHECK(s["single-writer"] == "violated");
  CHECK(s["converge"] == "violated");
}

TEST_CASE("logship: a switchover loses nothing; only reads at the primary are linearizable") {
  auto s = statuses(make({"failovers=0", "isolations=0"}));
  CHECK(s["no-lost-write"] == "holds");
  CHECK(s["single-writer"] == "holds");
  CHECK(s["switchover-completes"] == "reached");
  auto fixed = statuses(make({"failovers=0", "switchovers=0", "isolations=0", "homes=0,0"}));
  CHECK(fixed["linearizable-at-primary"] == "holds");
  CHECK(fixed["linearizable"] == "holds");  // every operation at the primary
  CHECK(statuses(make({"failovers=0", "switchovers=0", "isolations=0"}))["linearizable"] == "violated");
}

TEST_CASE("logship: managed RPO bounds what a failover loses") {
  auto s = statuses(make({"fencing=lease", "rpo=1", "homes=0,0"}));
  CHECK(s["no-lost-write"] == "violated");
  CHECK(s["lost-within-rpo"] == "holds");
  CHECK(s["rpo-blocks"] == "reached");
}

TEST_CASE("logship: secondary reads need an LSN token for session guarantees") {
  auto none = statuses(make(steady({})));
  CHECK(none["read-your-writes-routed"] == "violated");
  CHECK(none["monotonic-reads-routed"] == "violated");
  auto token = statuses(make(steady({"pattern=lsn-token"})));
  CHECK(token["read-your-writes-routed"] == "holds");
  CHECK(token["monotonic-reads-routed"] == "holds");
  CHECK(token["reads-available"] == "violated");  // the cost: a read waits for its token
  auto sticky = statuses(make(steady({"pattern=sticky"})));
  CHECK(sticky["read-your-writes-routed"] == "holds");
  CHECK(statuses(make(steady({"pattern=sticky", "sticky-window=1"})))["read-your-writes-routed"] == "violated");
  auto primary = statuses(make(steady({"pattern=read-primary"})));
  CHECK(primary["linearizable"] == "holds");
  CHECK(primary["available"] == "holds");
}

TEST_CASE("logship: write forwarding gives the read consistency it names") {
  auto eventual = statuses(make(steady({"forwarding=eventual"})));
  CHECK(eventual["read-your-writes-routed"] == "violated");
  CHECK(eventual["forwarded-write"] == "reached");
  CHECK(eventual["available"] == "holds");  // no partition: a secondary takes writes through the primary
  auto session = statuses(make(steady({"forwarding=session"})));
  CHECK(session["read-your-writes-routed"] == "holds");
  CHECK(session["linearizable"] == "violated");
  auto global = statuses(make(steady({"forwarding=global"})));
  CHECK(global["linearizable"] == "holds");
  CHECK(statuses(make({"forwarding=eventual"}))["available"] == "violated");  // a partition: CP again
}

TEST_CASE("logship: each seeded bug is caught") {
  auto [bug, params, broken] = GENERATE(table<std::string, std::vector<std::string>, std::string>({
      {"promote-without-drain", {"failovers=0", "isolations=0"}, "no-lost-write"},
      {"promote-without-drain", {"failovers=0", "isolations=0"}, "log-prefix"},
      {"apply-out-of-order", {"failovers=0", "switchovers=0", "isolations=0", "drops=1", "homes=0,0"}, "log-prefix"},
      {"rejoin-without-discard", {"fencing=lease"}, "log-prefix"},
      {"no-fence", {"isolations=0", "outages=1"}, "converge"},
      {"token-ignored", steady({"pattern=lsn-token"}), "read-your-writes-routed"},
      {"forward-eventual-as-session", steady({"forwarding=session"}), "read-your-writes-routed"},
  }));
  CAPTURE(bug, broken);
  REQUIRE(statuses(make(params))[broken] == "holds");
  params.push_back("bug=" + bug);
  CHECK(statuses(make(params))[broken] == "violated");
}
