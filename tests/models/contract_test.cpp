// The contract every model in the catalog keeps with the explorer, one test
// template over models::AllModels: a new protocol is checked the moment it
// is listed there.
//  - Encodings round-trip (a mistake merges distinct states, so the search
//    would skip part of the space and could pass a buggy model), fit in
//    kMaxEncoding, and no state offers more than kMaxActions candidates; on
//    random walks of the largest configuration the parameters allow.
//  - The default configuration's state count is pinned.
//  - A seeded bug gives a real violation whose trace survives JSON, replays
//    to the same violation, and minimizes to a trace that still violates it.
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>

#include "explorer/cli/report.hpp"
#include "explorer/search/bfs.hpp"
#include "explorer/search/dfs.hpp"
#include "explorer/trace/replay.hpp"
#include "models/catalog.hpp"
#include "tests/explorer/roundtrip.hpp"
#include "tests/models/verdicts.hpp"

using namespace replicheck;

namespace {

// Distinct states of each model's default configuration: two-phase as TLC
// and SPIN count them (rm=3), the others as measured when they were written.
const std::map<std::string, std::uint64_t> kDefaultStates = {
    {"two-phase", 288}, {"lww", 470534}, {"logship", 26224}, {"mrsc", 105207}};

// Every integer parameter at its largest, every fault budget used up: the
// configuration that stresses kMaxActions and the encoding most.
template <class M>
std::vector<std::string> largest() {
  std::vector<std::string> out;
  for (const auto& s : M::param_specs())
    if (!s.list && s.choices.empty()) out.push_back(s.name + "=" + std::to_string(s.max));
  return out;
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("contract: encodings round-trip and actions stay within kMaxActions", "[contract]",
                        models::AllModels) {
  using M = TestType;
  for (const auto& params : {std::vector<std::string>{}, largest<M>()}) {
    M m = testing::make<M>(params);
    std::mt19937_64 rng(42);
    std::size_t states = 0;
    for (int walk = 0; walk < 60; ++walk) {
      typename M::State s = m.initial_states()[0], t = s;
      for (int step = 0; step < 120; ++step) {
        testing::check_state_roundtrip(m, s);
        CHECK(candidate_actions(m, s).size() <= M::kMaxActions);
        ++states;
        std::vector<typename M::State> next;
        for (const auto& a : candidate_actions(m, s))
          if (m.next(s, a, t)) next.push_back(t);
        if (next.empty()) break;
        s = next[rng() % next.size()];
      }
    }
    INFO(M::kName << " with " << params.size() << " parameters set");
    CHECK(states >= 2 * 60);  // the walks went somewhere
  }
}

TEMPLATE_LIST_TEST_CASE("contract: the default configuration's state count is pinned", "[contract]",
                        models::AllModels) {
  using M = TestType;
  REQUIRE(kDefaultStates.count(std::string(M::kName)));  // a new model pins its count here
  SearchOptions full;  // every state, not one per orbit
  full.symmetry = false;
  Result r = Bfs<M>(testing::make<M>({}), full).run();
  CHECK(r.incomplete_reason.empty());
  CHECK(r.stats.distinct_states == kDefaultStates.at(std::string(M::kName)));
}

TEMPLATE_LIST_TEST_CASE("contract: a seeded bug's violation replays and minimizes", "[contract]",
                        models::AllModels) {
  using M = TestType;
  const ParamSpec* bug = nullptr;
  auto specs = M::param_specs();
  for (const auto& s : specs)
    if (s.name == "bug") bug = &s;
  REQUIRE(bug);  // every model carries seeded bugs
  REQUIRE(bug->choices.size() > 1);
  // The first seeded bug the default configuration shows, found by DFS (not
  // shortest, so minimize has something to do).
  for (std::size_t i = 1; i < bug->choices.size(); ++i) {
    Params params(specs, {"bug=" + bug->choices[i]});
    M m(params);
    SearchOptions o;
    o.max_states = 300000;
    Result r = depth_first(m, o);
    for (const auto& p : r.properties) {
      if (p.status != "violated") continue;
      INFO(M::kName << " bug=" << bug->choices[i] << ": " << p.name);
      RunInfo info{std::string(M::kName), params.effective(), "dfs", 1};
      Counterexample cx = counterexample_from_json(to_json(counterexample(info, p)));
      ReplayOutcome out = replay(m, cx);
      REQUIRE(out.replayed);
      REQUIRE(out.violated);
      CHECK(out.violated->name == p.name);
      Counterexample shorter = minimize(m, cx);
      CHECK(shorter.trace.length() <= cx.trace.length());
      ReplayOutcome again = replay(m, counterexample_from_json(to_json(shorter)));
      REQUIRE(again.violated);
      CHECK(again.violated->name == p.name);
      return;
    }
  }
  FAIL("no seeded bug of " << M::kName << " gives a violation in its default configuration");
}
