// Verdict equivalence of every state-space reduction, over the whole
// catalog (issue 14): for each model and each configuration small enough to
// search both ways, every property ends the same with the reduction as
// without it. A symmetry that is not one (a canonical form that merges
// states no automorphism relates, or a property that names one element)
// shows here as a changed verdict or as a trace that does not replay.
//  - Where the model declares a symmetry, the reduced search stores fewer
//    states; where it declares none, the searches are the same search.
//  - Every trace the reduced search reports is concrete: it replays on the
//    plain model through the JSON counterexample format, and a violation
//    replays to the same violation.
//  - Sleep sets (partial-order reduction) prune transitions, not states:
//    with them BFS must count exactly the same states at the same depth,
//    and generate fewer where the model declares footprints.
//  - Persistent sets prune states: with them BFS and DFS, alone and with a
//    symmetry, must end every property the same, store no more states, and
//    fewer where the model takes actions alone; their traces replay but
//    need not be shortest.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "explorer/cli/report.hpp"
#include "explorer/search/bfs.hpp"
#include "explorer/search/dfs.hpp"
#include "explorer/search/persistent_sets.hpp"
#include "explorer/search/sleep_sets.hpp"
#include "explorer/search/symmetry.hpp"
#include "explorer/trace/replay.hpp"
#include "models/catalog.hpp"
#include "tests/models/verdicts.hpp"

using namespace replicheck;

namespace {

// Per model: configurations with and without a declared symmetry, seeded
// bugs among them (a reduction must not hide a violation).
const std::map<std::string, std::vector<std::vector<std::string>>> kConfigurations = {
    {"two-phase", {{"rm=1"}, {"rm=2"}, {"rm=3"}, {"rm=5"}, {"rm=3", "bug=commit-early"}}},
    {"lww",
     {{},
      {"clients=1"},
      {"regions=2", "clients=2", "keys=1", "ops=2", "crashes=0"},
      {"regions=2", "clients=3", "homes=0,0,1", "keys=1", "ops=2", "crashes=0"},
      {"regions=2", "clients=3", "homes=0,0,1", "keys=2", "ops=1", "crashes=0"},
      {"regions=3", "clients=3", "keys=1", "ops=1", "crashes=0"},
      {"regions=2", "clients=2", "keys=1", "ops=2", "skew=1"},
      {"regions=2", "clients=2", "keys=1", "ops=2", "skew=1,1", "isolations=1"},
      {"regions=2", "clients=2", "keys=1", "ops=2", "pattern=conditional"},
      {"regions=2", "clients=2", "keys=1", "ops=3", "pattern=sticky"},
      {"regions=2", "clients=2", "keys=1", "ops=3", "pattern=version-tokens", "reads=eventual"},
      {"regions=2", "clients=2", "keys=2", "ops=2", "pattern=home-region"},
      {"regions=2", "clients=2", "keys=1", "ops=2", "bug=checkpoint-before-apply"},
      {"regions=2", "clients=2", "keys=1", "ops=2", "bug=apply-without-compare", "duplicates=1"},
      {"regions=2", "clients=2", "keys=1", "ops=2", "bug=no-tiebreak", "skew=1"},
      {"regions=2", "clients=2", "keys=1", "ops=2", "bug=relay-no-origin-check"},
      {"regions=2", "clients=2", "keys=1", "ops=2", "workload=counter"}}},
    {"logship",
     {{},
      {"regions=3", "clients=2", "homes=1,2", "keys=1", "ops=1"},
      {"regions=3", "clients=1", "keys=1", "ops=2", "fencing=lease"},
      {"regions=3", "clients=3", "keys=1", "ops=1", "failovers=0", "switchovers=0", "pattern=lsn-token"},
      {"regions=3", "clients=2", "homes=1,2", "keys=1", "ops=1", "bug=promote-without-drain"},
      {"regions=3", "clients=2", "homes=1,2", "keys=1", "ops=2", "forwarding=session", "failovers=0",
       "switchovers=0", "bug=forward-eventual-as-session"}}},
    {"mrsc",
     {{},
      {"clients=3", "ops=1"},
      {"clients=3", "ops=1", "witness=1"},
      {"clients=3", "ops=1", "workload=counter"},
      {"clients=3", "ops=1", "retries=0", "cuts=1", "bug=no-relay"}}},
};

// DFS too, where the space is small enough to search four times.
constexpr std::uint64_t kDfsStates = 60000;

template <class M>
Result search(const M& m, bool symmetry, bool dfs, bool partial_order = false, bool persistent = false) {
  SearchOptions o;
  o.symmetry = symmetry;
  o.partial_order = partial_order;
  o.persistent_sets = persistent;
  o.workers = 2;
  return dfs ? depth_first(m, o) : Bfs<M>(m, o).run();
}

// Every property ends the same, and every trace of `reduced` replays on the
// plain model to what it claims.
template <class M>
void same_verdicts(const M& m, const std::vector<std::string>& params, const Result& plain, const Result& reduced,
                   bool shortest) {
  REQUIRE(plain.properties.size() == reduced.properties.size());
  for (std::size_t i = 0; i < plain.properties.size(); ++i) {
    const PropertyOutcome& p = reduced.properties[i];
    INFO("property " << p.name);
    CHECK(p.status == plain.properties[i].status);
    if (!p.trace) continue;
    RunInfo info{std::string(M::kName), Params(M::param_specs(), params).effective(), "bfs", 1};
    ReplayOutcome out = replay(m, counterexample_from_json(to_json(counterexample(info, p))));
    CHECK(out.replayed);
    if (p.status == "violated") {
      REQUIRE(out.violated);
      CHECK(out.violated->name == p.name);
    }
    // BFS traces stay shortest: a reduced path is as long as the plain one.
    if (shortest) CHECK(p.trace->length() == plain.properties[i].trace->length());
  }
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("reduction: symmetry keeps every verdict, over the catalog", "[reduction]",
                        models::AllModels) {
  using M = TestType;
  REQUIRE(kConfigurations.count(std::string(M::kName)));  // a new model lists its configurations here
  for (const auto& params : kConfigurations.at(std::string(M::kName))) {
    M m = testing::make<M>(params);
    const bool declared = !symmetry_in_use(m, SearchOptions{}).empty();
    std::uint64_t full_states = 0;
    for (bool dfs : {false, true}) {
      if (dfs && full_states > kDfsStates) continue;
      INFO(M::kName << " " << Catch::Detail::stringify(params) << (dfs ? " dfs" : " bfs"));
      Result plain = search(m, false, dfs), reduced = search(m, true, dfs);
      full_states = plain.stats.distinct_states;
      REQUIRE(plain.complete());
      REQUIRE(reduced.complete());
      CHECK(plain.symmetry.empty());
      CHECK(reduced.symmetry.empty() != declared);
      if (declared) CHECK(reduced.stats.distinct_states < plain.stats.distinct_states);
      else CHECK(reduced.stats.distinct_states == plain.stats.distinct_states);
      same_verdicts(m, params, plain, reduced, !dfs);
    }
  }
}

TEMPLATE_LIST_TEST_CASE("reduction: sleep sets visit every state and keep every verdict, over the catalog",
                        "[reduction]", models::AllModels) {
  using M = TestType;
  const bool declared = !partial_order_offered(testing::make<M>({})).empty();
  std::uint64_t pruned = 0;
  for (const auto& params : kConfigurations.at(std::string(M::kName))) {
    M m = testing::make<M>(params);
    INFO(M::kName << " " << Catch::Detail::stringify(params));
    Result plain = search(m, false, false), reduced = search(m, false, false, true);
    REQUIRE(plain.complete());
    REQUIRE(reduced.complete());
    CHECK(reduced.partial_order.empty() != declared);
    CHECK(reduced.stats.distinct_states == plain.stats.distinct_states);
    CHECK(reduced.stats.max_depth == plain.stats.max_depth);
    CHECK(reduced.stats.generated_states <= plain.stats.generated_states);
    pruned += plain.stats.generated_states - reduced.stats.generated_states;
    same_verdicts(m, params, plain, reduced, true);
    // Deterministic whatever the number of workers, and the same with the
    // frontier on disk (where sleep sets are intersected in a mapped file).
    SearchOptions one;
    one.symmetry = false;
    one.partial_order = true;
    one.workers = 1;
    one.frontier_spill_bytes = 1;
    Result on_disk = Bfs<M>(m, one).run();
    CHECK(on_disk.stats.generated_states == reduced.stats.generated_states);
    CHECK(on_disk.stats.distinct_states == reduced.stats.distinct_states);
  }
  CHECK((pruned > 0) == declared);
}

TEMPLATE_LIST_TEST_CASE("reduction: persistent sets keep every verdict, over the catalog", "[reduction]",
                        models::AllModels) {
  using M = TestType;
  std::uint64_t pruned = 0;
  bool offered_somewhere = false;
  for (const auto& params : kConfigurations.at(std::string(M::kName))) {
    M m = testing::make<M>(params);
    const bool offered = !persistent_sets_offered(m).empty();
    offered_somewhere |= offered;
    std::uint64_t full_states = 0;
    for (bool dfs : {false, true})
      for (bool symmetry : {false, true}) {
        if (dfs && full_states > kDfsStates) continue;
        INFO(M::kName << " " << Catch::Detail::stringify(params) << (dfs ? " dfs" : " bfs")
                      << (symmetry ? " with symmetry" : ""));
        Result plain = search(m, symmetry, dfs), reduced = search(m, symmetry, dfs, false, true);
        if (!dfs && !symmetry) full_states = plain.stats.distinct_states;
        REQUIRE(plain.complete());
        REQUIRE(reduced.complete());
        CHECK(reduced.partial_order.empty() != offered);
        CHECK(reduced.stats.distinct_states <= plain.stats.distinct_states);
        if (!offered) CHECK(reduced.stats.distinct_states == plain.stats.distinct_states);
        pruned += plain.stats.distinct_states - reduced.stats.distinct_states;
        same_verdicts(m, params, plain, reduced, false);
      }
  }
  CHECK((pruned > 0) == offered_somewhere);
}
