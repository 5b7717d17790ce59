// Counterexamples the trace tests share: the two-phase commit-early mutant
// found by BFS, DFS and random simulation.
#pragma once
#include <string>

#include "explorer/cli/report.hpp"
#include "explorer/search/bfs.hpp"
#include "explorer/search/dfs.hpp"
#include "explorer/search/simulate.hpp"
#include "models/two_phase/model.hpp"

namespace replicheck::testing {

inline models::TwoPhase two_phase(int rm, const std::string& bug) {
  return models::TwoPhase(Params(models::TwoPhase::param_specs(), {"rm=" + std::to_string(rm), "bug=" + bug}));
}

inline RunInfo run_info(int rm, const std::string& bug) {
  return {"two-phase", {{"rm", std::to_string(rm)}, {"bug", bug}}, "bfs", 1};
}

enum class Found { Bfs, Dfs, Simulation };

inline Result search(const models::TwoPhase& m, Found how, std::uint64_t seed = 1) {
  SearchOptions o;
  o.symmetry = false;  // the format tests read the full search's own trace (rm2 acts: long arrows)
  if (how == Found::Dfs) return depth_first(m, o);
  if (how == Found::Bfs) return Bfs<models::TwoPhase>(m, o).run();
  o.simulate_runs = 50;
  o.seed = seed;
  o.max_depth = 40;
  return simulate(m, o);
}

// The counterexample of 'consistent' on the commit-early mutant, rm=3.
inline Counterexample mutant(Found how, std::uint64_t seed = 1) {
  Result r = search(two_phase(3, "commit-early"), how, seed);
  return counterexample(run_info(3, "commit-early"), r.properties.at(0));
}

}  // namespace replicheck::testing
