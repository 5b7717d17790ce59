// The explorer's mechanics on a model counted by hand: state counts, shortest
// traces, bounds ending in "incomplete", vacuous sometimes properties, and
// agreement between BFS, DFS and worker counts.
#include <catch2/catch.hpp>

#include "explorer/search/bfs.hpp"
#include "explorer/search/dfs.hpp"
#include "explorer/search/simulate.hpp"
#include "tests/explorer/toy_model.hpp"

using namespace replicheck;
using replicheck::testing::Toy;

namespace {
const PropertyOutcome& outcome(const Result& r, const std::string& name) {
  for (const auto& p : r.properties)
    if (p.name == name) return p;
  FAIL("no property " << name);
  throw 0;
}
SearchOptions with_workers(unsigned w) {
  SearchOptions o;
  o.workers = w;
  return o;
}
}  // namespace

TEST_CASE("BFS counts every state once and passes a correct model") {
  Toy toy;
  toy.n = 7;
  for (unsigned w : {1u, 2u}) {
    Result r = Bfs<Toy>(toy, with_workers(w)).run();
    CHECK(r.stats.distinct_states == 49);
    CHECK(r.stats.generated_states == 98);
    CHECK(r.stats.max_depth == 12);  // (6, 6) is 12 increments away
    CHECK(r.verdict == Verdict::Pass);
    CHECK(outcome(r, "a-wraps").status == "reached");
    CHECK(outcome(r, "a-wraps").trace->length() == 6);
  }
}

TEST_CASE("BFS reports a shortest counterexample that replays") {
  Toy toy;
  toy.n = 9;
  toy.limit = 3;
  Result r = Bfs<Toy>(toy, with_workers(2)).run();
  REQUIRE(r.verdict == Verdict::Violation);
  const auto& p = outcome(r, "b-bounded");
  REQUIRE(p.status == "violated");
  CHECK(p.trace->length() == 4);
  CHECK(p.trace->steps.back().state == Trace::Fields{{"a", "0"}, {"b", "4"}});
  CHECK(r.shortest);
}

TEST_CASE("DFS agrees with BFS on counts and finds a (longer) counterexample") {
  Toy toy;
  toy.n = 6;
  Result bfs = Bfs<Toy>(toy, with_workers(1)).run();
  Result dfs = depth_first(toy, SearchOptions{});
  CHECK(dfs.stats.distinct_states == bfs.stats.distinct_states);
  CHECK(dfs.verdict == Verdict::Pass);
  toy.limit = 2;
  Result bad = depth_first(toy, SearchOptions{});
  REQUIRE(bad.verdict == Verdict::Violation);
  CHECK(outcome(bad, "b-bounded").trace->length() >= 3);
  CHECK_FALSE(bad.shortest);
}

TEST_CASE("bounds end the run with verdict incomplete and the statistics so far") {
  Toy toy;
  toy.n = 50;
  SearchOptions o;
  o.max_depth = 5;
  Result r = Bfs<Toy>(toy, o).run();
  CHECK(r.verdict == Verdict::Incomplete);
  CHECK(r.incomplete_reason == "max-depth");
  CHECK(r.stats.distinct_states == 21);  // a + b <= 5
  CHECK(outcome(r, "b-bounded").status == "unknown");

  SearchOptions s;
  s.max_states = 100;
  Result r2 = Bfs<Toy>(toy, s).run();
  CHECK(r2.verdict == Verdict::Incomplete);
  CHECK(r2.incomplete_reason == "max-states");
  CHECK(r2.stats.distinct_states >= 100);
  CHECK(r2.stats.distinct_states < 2500);
}

TEST_CASE("a sometimes property never reached fails the check: the model is vacuous") {
  Toy toy;
  toy.vacuous = true;
  Result r = Bfs<Toy>(toy, SearchOptions{}).run();
  CHECK(r.verdict == Verdict::Violation);
  CHECK(outcome(r, "never").status == "unreached");
  CHECK(outcome(r, "b-bounded").status == "holds");
}

TEST_CASE("simulation is seeded, deterministic, and never claims a pass") {
  Toy toy;
  toy.n = 20;
  toy.limit = 10;
  SearchOptions o;
  o.simulate_runs = 50;
  o.max_depth = 40;
  o.seed = 7;
  Result a = simulate(toy, o), b = simulate(toy, o);
  REQUIRE(a.verdict == Verdict::Violation);
  CHECK(outcome(a, "b-bounded").trace->steps.size() == outcome(b, "b-bounded").trace->steps.size());
  for (std::size_t i = 0; i < outcome(a, "b-bounded").trace->steps.size(); ++i)
    CHECK(outcome(a, "b-bounded").trace->steps[i].action == outcome(b, "b-bounded").trace->steps[i].action);
  toy.limit = 100;
  CHECK(simulate(toy, o).verdict == Verdict::Incomplete);
}
