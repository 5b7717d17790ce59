// Two-phase commit: the explorer must agree with TLC and SPIN on the number
// of distinct states, prove the interesting events reachable, and catch the
// seeded bug with a shortest, replayable, deterministic trace.
#include <catch2/catch.hpp>
#include <array>
#include <cstring>
#include <set>

#include "explorer/search/bfs.hpp"
#include "explorer/search/dfs.hpp"
#include "models/two_phase/model.hpp"
#include "tests/explorer/roundtrip.hpp"

using namespace replicheck;
using models::TwoPhase;

namespace {
TwoPhase make(int rm, const std::string& bug = "none") {
  return TwoPhase(Params(TwoPhase::param_specs(), {"rm=" + std::to_string(rm), "bug=" + bug}));
}
Result bfs(const TwoPhase& m, unsigned workers, bool symmetry = false) {
  SearchOptions o;
  o.workers = workers;
  o.symmetry = symmetry;
  return Bfs<TwoPhase>(m, o).run();
}
SearchOptions full_space() {
  SearchOptions o;
  o.symmetry = false;
  return o;
}
std::uint64_t encoding(const TwoPhase& m, const TwoPhase::State& s) {
  std::array<std::uint8_t, 8> b{};
  ByteWriter w(b.data(), b.size());
  m.encode(s, w);
  std::uint64_t v;
  std::memcpy(&v, b.data(), 8);
  return v;
}
}  // namespace

TEST_CASE("two-phase distinct states equal TLC's and SPIN's") {
  auto [rm, expected] = GENERATE(table<int, std::uint64_t>({{3, 288}, {5, 8832}, {7, 296448}}));
  for (unsigned w : {1u, 2u}) {
    Result r = bfs(make(rm), w);
    CHECK(r.stats.distinct_states == expected);
    CHECK(r.verdict == Verdict::Pass);
    for (const auto& p : r.properties)
      CHECK((p.status == "holds" || p.status == "reached"));
  }
}

TEST_CASE("DFS explores the same two-phase space") {
  Result r = depth_first(make(5), full_space());
  CHECK(r.stats.distinct_states == 8832);
  CHECK(r.verdict == Verdict::Pass);
}

TEST_CASE("the commit-early mutant is caught with a shortest trace") {
  TwoPhase m = make(3, "commit-early");
  Result one = bfs(m, 1), two = bfs(m, 2);
  REQUIRE(one.verdict == Verdict::Violation);
  const PropertyOutcome& p = one.properties.at(0);
  REQUIRE(p.name == "consistent");
  REQUIRE(p.status == "violated");
  // Fewest steps: one RM prepares, TM counts it, TM commits, one RM aborts, another commits.
  CHECK(p.trace->length() == 5);
  // Every step replays on the model, and the last state breaks the invariant.
  Trace replayed = PropertyBook<TwoPhase>::rebuild(m, {std::uint16_t(0), [&] {
                                                         std::vector<std::uint16_t> idx;
                                                         for (std::size_t i = 1; i < p.trace->steps.size(); ++i)
                                                           idx.push_back(p.trace->steps[i].action_index);
                                                         return idx;
                                                       }()});
  CHECK(replayed.steps.back().state == p.trace->steps.back().state);
  int committed = 0, aborted = 0;
  for (const auto& [field, value] : p.trace->steps.back().state) {
    if (field.rfind("rm", 0) == 0 && field.size() == 3) {
      committed += value == "committed";
      aborted += value == "aborted";
    }
  }
  CHECK(committed >= 1);
  CHECK(aborted >= 1);
  // The same trace whatever the number of workers.
  const auto& q = two.properties.at(0);
  REQUIRE(q.trace);
  REQUIRE(q.trace->steps.size() == p.trace->steps.size());
  for (std::size_t i = 0; i < p.trace->steps.size(); ++i) CHECK(q.trace->steps[i].action == p.trace->steps[i].action);
}

TEST_CASE("with symmetry, the search stores exactly one state per orbit") {
  // The orbits counted by brute force: every reachable state, canonicalized.
  for (int rm : {2, 3, 5}) {
    TwoPhase m = make(rm);
    std::set<std::uint64_t> seen, orbits;
    std::vector<TwoPhase::State> todo = m.initial_states();
    TwoPhase::State t = todo[0];
    while (!todo.empty()) {
      TwoPhase::State s = todo.back();
      todo.pop_back();
      if (!seen.insert(encoding(m, s)).second) continue;
      TwoPhase::State c = s;
      m.canonicalize(c);
      orbits.insert(encoding(m, c));
      for (const auto& a : candidate_actions(m, s))
        if (m.next(s, a, t)) todo.push_back(t);
    }
    INFO("rm=" << rm);
    for (unsigned w : {1u, 2u}) {
      Result r = bfs(m, w, true);
      CHECK(r.symmetry == "resource managers");
      CHECK(r.stats.distinct_states == orbits.size());
      CHECK(orbits.size() < seen.size());
    }
    if (rm == 3) CHECK(orbits.size() == 80);
  }
}

TEST_CASE("encode and decode round-trip every reachable two-phase state") {
  CHECK(testing::check_roundtrip(make(4), 6) > 1000);
}
