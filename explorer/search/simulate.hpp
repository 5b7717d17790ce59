// Seeded random simulation: RUNS random walks of at most D steps each, for
// spaces too large to exhaust. The same seed gives the same walks. Never a
// proof: without a violation the verdict is "incomplete".
#pragma once
#include <atomic>
#include <cstdint>
#include <random>
#include <vector>

#include "explorer/search/model.hpp"
#include "explorer/search/property_book.hpp"
#include "explorer/search/run_control.hpp"
#include "explorer/search/visited.hpp"

namespace replicheck {

template <Model M>
Result simulate(const M& model, const SearchOptions& opt) {
  using State = typename M::State;
  using Action = typename M::Action;
  Stopwatch clock;
  InterruptGuard interrupt_guard;
  std::uint64_t max_depth = opt.max_depth == UINT64_MAX ? 1000 : opt.max_depth;
  PropertyBook<M> book(model);
  Visited<M> seen(model, opt.max_memory);  // for the statistics only
  Result result;
  auto count = [&](const State& s) { seen.insert(s); };
  // std::mt19937_64 is specified bit for bit by the standard, and the choice
  // below uses no distribution object, whose output would vary by library.
  std::mt19937_64 rng(opt.seed);
  auto inits = model.initial_states();
  std::vector<Action> actions;
  std::vector<std::uint16_t> enabled;
  State s = inits.at(0), t = s;
  // Read by the progress thread; written after each walk.
  std::atomic<std::uint64_t> progress_states{0}, progress_depth{0}, progress_walks{0};
  ProgressLine progress(opt.progress, [&] {
    return progress_text(progress_states, progress_depth, clock.seconds(),
                         "walk " + grouped(progress_walks) + " of " + grouped(opt.simulate_runs) + ", max ");
  });
  for (std::uint64_t run = 0; run < opt.simulate_runs; ++run) {
    progress_states.store(seen.size(), std::memory_order_relaxed);
    progress_depth.store(result.stats.max_depth, std::memory_order_relaxed);
    progress_walks.store(run, std::memory_order_relaxed);
    if (InterruptGuard::interrupted()) {
      result.incomplete_reason = "interrupted";
      break;
    }
    if (opt.max_seconds > 0 && clock.seconds() >= opt.max_seconds) {
      result.incomplete_reason = "max-seconds";
      break;
    }
    Path path{std::uint16_t(rng() % inits.size()), {}};
    s = inits[path.initial];
    count(s);
    for (std::uint64_t depth = 0;; ++depth) {
      actions.clear();
      enabled.clear();
      model.actions(s, [&actions](const Action& a) { actions.push_back(a); });
      for (std::size_t k = 0; k < actions.size(); ++k)
        if (model.next(s, actions[k], t)) enabled.push_back(std::uint16_t(k));
      bool quiescent = enabled.empty() || model.quiescent(s);
      book.check(s, quiescent, [&](std::size_t p) { book.settle(p, path); });
      if (enabled.empty() || depth == max_depth) break;
      std::uint16_t k = enabled[rng() % enabled.size()];
      model.next(s, actions[k], t);
      s = t;
      path.actions.push_back(k);
      count(s);
      ++result.stats.generated_states;
      result.stats.max_depth = std::max<std::uint64_t>(result.stats.max_depth, depth + 1);
    }
  }
  if (result.incomplete_reason.empty()) result.incomplete_reason = "simulation";
  result.shortest = false;
  finish_stats(result.stats, seen.size(), seen.bytes(), clock.seconds());
  book.finish(model, false, result);
  return result;
}

}  // namespace replicheck
