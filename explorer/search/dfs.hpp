// Exhaustive depth-first search: memory grows with depth, not with the
// width of a level, which suits deep, narrow spaces. Its counterexamples
// are not shortest (`replicheck minimize`, later, or BFS gives those).
#pragma once
#include <atomic>
#include <cstdint>
#include <vector>

#include "explorer/search/model.hpp"
#include "explorer/search/persistent_sets.hpp"
#include "explorer/search/property_book.hpp"
#include "explorer/search/run_control.hpp"
#include "explorer/search/visited.hpp"

namespace replicheck {

template <Model M>
Result depth_first(const M& model, const SearchOptions& opt) {
  using State = typename M::State;
  using Action = typename M::Action;
  struct Frame {
    State state;
    std::vector<Action> actions;
    std::size_t next = 0;
    std::uint16_t via = 0;  // action index that led here
    bool any_enabled = false;
    std::size_t end = 0;  // actions [next, end) are still to take
  };
  Stopwatch clock;
  InterruptGuard interrupt_guard;
  PropertyBook<M> book(model);
  Result result;
  result.symmetry = symmetry_in_use(model, opt);
  const bool alone = opt.persistent_sets && !persistent_sets_offered(model).empty();
  if (alone) result.partial_order = std::string(kPersistentSets);
  Visited<M> seen(model, opt.max_memory, !result.symmetry.empty());
  auto path_of = [](std::uint16_t initial, const std::vector<Frame>& stack) {
    Path p{initial, {}};
    for (std::size_t k = 1; k < stack.size(); ++k) p.actions.push_back(stack[k].via);
    return p;
  };
  auto push = [&](std::vector<Frame>& stack, const State& s, std::uint16_t via) {
    stack.push_back(Frame{s, {}, 0, via, false});
    Frame& f = stack.back();
    model.actions(f.state, [&f](const Action& a) { f.actions.push_back(a); });
    f.end = f.actions.size();
    // Taken alone (persistent_sets.hpp): the frame offers only that action.
    if (alone) {
      State scratch = f.state;
      std::size_t k = alone_action(model, f.state, f.actions.data(), f.actions.size(), scratch);
      if (k != kNotAlone) f.next = k, f.end = k + 1;
    }
    result.stats.max_depth = std::max<std::uint64_t>(result.stats.max_depth, stack.size() - 1);
  };

  // Read by the progress thread; written every 1024 states settled.
  std::atomic<std::uint64_t> progress_states{0}, progress_depth{0};
  ProgressLine progress(opt.progress, [&] {
    return progress_text(progress_states, progress_depth, clock.seconds(), "stack ");
  });
  auto inits = model.initial_states();
  std::uint64_t popped = 0;
  for (std::size_t i = 0; i < inits.size() && result.incomplete_reason.empty(); ++i) {
    if (seen.insert(inits[i]) != FingerprintSet::Insert::Added) continue;
    std::vector<Frame> stack;
    push(stack, inits[i], 0);
    State next = inits[i];
    while (!stack.empty()) {
      Frame& f = stack.back();
      bool at_bound = stack.size() - 1 >= opt.max_depth;
      if (f.next < f.end) {
        std::size_t k = f.next++;
        if (!model.next(f.state, f.actions[k], next)) continue;
        f.any_enabled = true;
        ++result.stats.generated_states;
        auto added = seen.insert(next);
        if (added == FingerprintSet::Insert::Full) result.incomplete_reason = "max-memory";
        if (added != FingerprintSet::Insert::Added) continue;
        if (at_bound) {
          result.incomplete_reason = "max-depth";
          continue;
        }
        push(stack, next, std::uint16_t(k));
        continue;
      }
      // All successors explored: settle this state's properties, then pop.
      bool quiescent = !f.any_enabled || model.quiescent(f.state);
      book.check(f.state, quiescent, [&](std::size_t p) {
        book.settle(p, path_of(std::uint16_t(i), stack));
      });
      stack.pop_back();
      if (InterruptGuard::interrupted()) result.incomplete_reason = "interrupted";
      else if (seen.size() >= opt.max_states) result.incomplete_reason = "max-states";
      // The clock every 1024 states: reading it costs as much as a small state.
      else if ((++popped & 1023) == 0) {
        progress_states.store(seen.size(), std::memory_order_relaxed);
        progress_depth.store(stack.size(), std::memory_order_relaxed);
        if (opt.max_seconds > 0 && clock.seconds() >= opt.max_seconds) result.incomplete_reason = "max-seconds";
      }
      if (!result.incomplete_reason.empty() && result.incomplete_reason != "max-depth") break;
    }
  }
  result.shortest = false;
  finish_stats(result.stats, seen.size(), seen.bytes(), clock.seconds());
  book.finish(model, result.incomplete_reason.empty(), result);
  return result;
}

}  // namespace replicheck
