// The LWW model must give every property the verdict the seeds lead us to
// expect, reach its interesting events, and catch each seeded bug.
#include <catch2/catch.hpp>
#include <map>

#include "explorer/bfs.hpp"
#include "models/lww.hpp"
#include "tests/explorer/roundtrip.hpp"

using namespace replicheck;
using models::Lww;

namespace {
Lww make(std::vector<std::string> params) { return Lww(Params(Lww::param_specs(), params)); }

std::map<std::string, std::string> statuses(const Lww& m) {
  Result r = Bfs<Lww>(m, SearchOptions{}).run();
  REQUIRE(r.incomplete_reason.empty());
  std::map<std::string, std::string> out;
  for (const auto& p : r.properties) {
    out[p.name] = p.status;
    if (p.status == "violated") CHECK(p.trace->length() > 0);
  }
  return out;
}
}  // namespace

TEST_CASE("LWW: every property gets the verdict the seeds predict") {
  auto s = statuses(make({}));
  CHECK(s["converge"] == "holds");
  CHECK(s["no-relay"] == "holds");
  CHECK(s["stream-matches-table"] == "holds");
  CHECK(s["read-your-writes-in-region"] == "holds");
  CHECK(s["monotonic-reads-in-region"] == "holds");
  CHECK(s["read-your-writes-routed"] == "violated");
  CHECK(s["monotonic-reads-routed"] == "violated");
  CHECK(s["no-lost-write"] == "violated");
  CHECK(s["linearizable"] == "violated");
  CHECK(s["stale-write-dropped"] == "reached");
  CHECK(s["replicated-overwrites-local"] == "reached");
}

TEST_CASE("LWW converges under link cuts and pauses and crashes and skew") {
  auto s = statuses(make({"cuts=1", "pauses=1", "crashes=1", "skew=-2", "ops=1"}));
  CHECK(s["converge"] == "holds");
  CHECK(s["no-relay"] == "holds");
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
}
