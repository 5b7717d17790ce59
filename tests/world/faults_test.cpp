// The shared faults: budgets read from parameters, the record of what a run
// used, and network faults offered exactly while their budget allows.
#include <catch2/catch.hpp>
#include <algorithm>
#include <string>
#include <vector>

#include "models/world/faults.hpp"
#include "models/world/network.hpp"
#include "tests/world/test_message.hpp"

using namespace replicheck;
using namespace replicheck::world;
using F = NetworkFault;

namespace {
using testing::Msg;
using Net = Network<Msg, 3, 2>;  // capacity 2: a link fills up quickly

FaultBudget budget_of(const std::vector<std::string>& assignments, int regions = 3) {
  return FaultBudget::from(Params(FaultBudget::specs("crash", "pause"), assignments), regions);
}

// The message of the BadParam the call throws ("" if none): other
// exceptions escape and fail the test.
template <class Fn>
std::string bad_param(Fn fn) {
  try {
    fn();
  } catch (const BadParam& e) {
    return e.what();
  }
  return "";
}

std::vector<F> offered(const Net& n, const FaultsUsed& used, const FaultBudget& b) {
  std::vector<F> out;
  network_faults(n, used, b, 3, [&](const F& f) { out.push_back(f); });
  return out;
}
bool has(const std::vector<F>& fs, F::Kind kind, int a, int b = 0, int c = 0) {
  return std::any_of(fs.begin(), fs.end(), [&](const F& f) { return f.kind == kind && f.a == a && f.b == b && f.c == c; });
}
long count(const std::vector<F>& fs, F::Kind kind) {
  return std::count_if(fs.begin(), fs.end(), [&](const F& f) { return f.kind == kind; });
}
}  // namespace

TEST_CASE("fault budgets default to off and each parameter sets its own budget") {
  FaultBudget none = budget_of({});
  CHECK(none.cuts + none.isolations + none.outages + none.crashes + none.pauses + none.drops + none.duplicates == 0);
  CHECK(none.skew == std::array<int, 4>{});
  // One parameter at a time, so a swapped field shows.
  const std::vector<std::pair<std::string, int FaultBudget::*>> fields = {
      {"cuts", &FaultBudget::cuts},       {"isolations", &FaultBudget::isolations}, {"outages", &FaultBudget::outages},
      {"crashes", &FaultBudget::crashes}, {"pauses", &FaultBudget::pauses},         {"drops", &FaultBudget::drops},
      {"duplicates", &FaultBudget::duplicates}};
  for (const auto& [name, set] : fields) {
    FaultBudget b = budget_of({name + "=2"});
    for (const auto& [other, field] : fields) {
      INFO(name << " read into " << other);
      CHECK(b.*field == (other == name ? 2 : 0));
    }
  }
  CHECK(bad_param([] { budget_of({"cuts=3"}); }) != "");
}

TEST_CASE("skew gives each region its clock offset and missing regions none") {
  CHECK(budget_of({"skew=-3,3"}).skew == std::array<int, 4>{-3, 3, 0, 0});
  CHECK(budget_of({"skew=1,-1,2,-2"}, 4).skew == std::array<int, 4>{1, -1, 2, -2});
  CHECK(budget_of({"skew="}).skew == std::array<int, 4>{});  // an empty list: every default
}

TEST_CASE("skew rejects more offsets than regions and bad offsets") {
  CHECK_THAT(bad_param([] { budget_of({"skew=1,2,3"}, 2); }), Catch::Contains("3 offsets given for 2 regions"));
  CHECK(bad_param([] { budget_of({"skew=1,2,3"}, 3); }) == "");
  CHECK_THAT(bad_param([] { budget_of({"skew=1,x"}); }), Catch::Contains("'x' is not an integer"));
  CHECK_THAT(bad_param([] { budget_of({"skew=1.5"}); }), Catch::Contains("not an integer"));
  CHECK_THAT(bad_param([] { budget_of({"skew=1,,2"}); }), Catch::Contains("not an integer"));
  CHECK_THAT(bad_param([] { budget_of({"skew=0,4"}); }), Catch::Contains("4 is out of range [-3, 3]"));
  CHECK_THAT(bad_param([] { budget_of({"skew=-4"}); }), Catch::Contains("out of range"));
}

TEST_CASE("faults used round-trip through their encoding field by field") {
  FaultsUsed u;
  u.cuts = 1, u.isolations = 2, u.outages = 3, u.crashes = 4, u.pauses = 5, u.drops = 6, u.duplicates = 15;
  std::uint8_t buf[8];
  ByteWriter w(buf, sizeof buf);
  u.encode(w);
  CHECK(w.size() == 4);
  ByteReader r(buf, w.size());
  FaultsUsed d;
  d.decode(r);
  CHECK(r.done());
  CHECK(std::vector<int>{d.cuts, d.isolations, d.outages, d.crashes, d.pauses, d.drops, d.duplicates} ==
        std::vector<int>{1, 2, 3, 4, 5, 6, 15});
}

TEST_CASE("with no budget only repairs of what is broken are offered") {
  Net n;
  n.send(0, 1, {1, 1});
  CHECK(offered(n, {}, {}).empty());
  n.cut(0, 1);
  n.isolate(2);
  n.take_down(1);
  auto fs = offered(n, {}, {});
  CHECK(fs.size() == 3);
  CHECK(has(fs, F::Heal, 0, 1));
  CHECK(has(fs, F::Rejoin, 2));
  CHECK(has(fs, F::Up, 1));
}

TEST_CASE("a cut budget offers every directed cut and each pair cut both ways once") {
  Net n;
  FaultsUsed used;
  FaultBudget b;
  b.cuts = 1;
  auto fs = offered(n, used, b);
  CHECK(count(fs, F::Cut) == 6);
  CHECK(count(fs, F::CutBoth) == 3);
  CHECK(has(fs, F::CutBoth, 0, 2));
  CHECK_FALSE(has(fs, F::CutBoth, 2, 0));  // a pair is named once, lower region first
  CHECK(fs.size() == 9);

  apply_network_fault(n, used, F{F::Cut, 0, 1});
  CHECK(n.is_cut(0, 1));
  CHECK_FALSE(n.is_cut(1, 0));
  CHECK(used.cuts == 1);
  fs = offered(n, used, b);
  CHECK(count(fs, F::Cut) + count(fs, F::CutBoth) == 0);  // budget spent
  CHECK(has(fs, F::Heal, 0, 1));
  CHECK(fs.size() == 1);

  apply_network_fault(n, used, F{F::Heal, 0, 1});
  CHECK_FALSE(n.is_cut(0, 1));
  CHECK(used.cuts == 1);  // healing gives no budget back
  CHECK(offered(n, used, b).empty());
}

TEST_CASE("cutting both ways cuts a pair for one unit of budget") {
  Net n;
  FaultsUsed used;
  FaultBudget b;
  b.cuts = 2;
  apply_network_fault(n, used, F{F::CutBoth, 1, 2});
  CHECK(n.is_cut(1, 2));
  CHECK(n.is_cut(2, 1));
  CHECK_FALSE(n.is_cut(0, 1));
  CHECK(used.cuts == 1);
  auto fs = offered(n, used, b);
  CHECK(has(fs, F::Heal, 1, 2));
  CHECK(has(fs, F::Heal, 2, 1));
  CHECK(has(fs, F::Cut, 0, 1));
  // A pair still cut one way is offered the other cut, not a cut both ways.
  apply_network_fault(n, used, F{F::Heal, 1, 2});
  fs = offered(n, used, b);
  CHECK(has(fs, F::Cut, 1, 2));
  CHECK_FALSE(has(fs, F::CutBoth, 1, 2));
  CHECK(has(fs, F::CutBoth, 0, 1));
}

TEST_CASE("isolation and outages are offered within budget and repaired per region") {
  Net n;
  FaultsUsed used;
  FaultBudget b;
  b.isolations = 1;
  b.outages = 1;
  auto fs = offered(n, used, b);
  CHECK(count(fs, F::Isolate) == 3);
  CHECK(count(fs, F::Down) == 3);
  CHECK(count(fs, F::Rejoin) + count(fs, F::Up) == 0);  // nothing to repair yet

  apply_network_fault(n, used, F{F::Isolate, 2});
  apply_network_fault(n, used, F{F::Down, 0});
  CHECK(n.is_isolated(2));
  CHECK(n.is_down(0));
  CHECK(used.isolations == 1);
  CHECK(used.outages == 1);
  fs = offered(n, used, b);
  CHECK(fs.size() == 2);
  CHECK(has(fs, F::Rejoin, 2));  // only the isolated region rejoins
  CHECK(has(fs, F::Up, 0));

  apply_network_fault(n, used, F{F::Rejoin, 2});
  apply_network_fault(n, used, F{F::Up, 0});
  CHECK(n.whole(3));
  CHECK(used.isolations == 1);
  CHECK(used.outages == 1);
  CHECK(offered(n, used, b).empty());
}

TEST_CASE("drops are offered per message in flight while budget lasts") {
  Net n;
  FaultsUsed used;
  FaultBudget b;
  b.drops = 1;
  CHECK(offered(n, used, b).empty());  // nothing in flight to lose
  n.send(0, 1, {1, 10});
  n.send(0, 1, {2, 20});
  auto fs = offered(n, used, b);
  CHECK(fs.size() == 2);
  CHECK(has(fs, F::Drop, 0, 1, 0));
  CHECK(has(fs, F::Drop, 0, 1, 1));

  apply_network_fault(n, used, F{F::Drop, 0, 1, 0});
  REQUIRE(n.in_flight(0, 1).size() == 1);
  CHECK(n.in_flight(0, 1)[0].v == 20);  // the other message is kept
  CHECK(used.drops == 1);
  CHECK(offered(n, used, b).empty());
}

TEST_CASE("duplicates are offered only with budget and room on the link") {
  Net n;
  FaultsUsed used;
  FaultBudget b;
  n.send(0, 1, {1, 10});
  n.send(0, 1, {2, 20});  // link 0->1 is full
  n.send(1, 2, {3, 30});
  CHECK(offered(n, used, b).empty());  // no budget
  b.duplicates = 1;
  auto fs = offered(n, used, b);
  CHECK(fs.size() == 1);
  CHECK(has(fs, F::Duplicate, 1, 2, 0));

  apply_network_fault(n, used, fs[0]);
  REQUIRE(n.in_flight(1, 2).size() == 2);
  CHECK(n.in_flight(1, 2)[1].v == 30);
  CHECK(used.duplicates == 1);
  CHECK(offered(n, used, b).empty());
}
