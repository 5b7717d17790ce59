// Partial-order reduction by persistent sets of one action (Godefroid's
// persistent sets, Valmari's stubborn sets, Peled's ample sets, in their
// simplest form): where a model says an enabled action may be taken alone,
// the search takes only it and skips the state's other successors.
//
// What the model promises when alone(s, a) is true and a is enabled in s
// (tests/models/persistent_test.cpp checks every clause on every reachable
// state of small configurations):
// - independent: every other action b enabled in s leaves a enabled, a
//   leaves b enabled, and a-then-b reaches the state b-then-a reaches;
// - stable: after any such b, alone(., a) still holds, so by induction a
//   commutes with every path that does not take it ({a} is persistent);
// - invisible: no property's value changes, nor quiescence;
// - progress: a strictly advances something nothing else moves back, so
//   no cycle is made of such steps alone and no action is postponed
//   forever (the cycle proviso holds without bookkeeping).
// Then every state a property can tell apart is still reached (a path to
// it reorders into one that takes a first), and an invariant that fails
// somewhere fails on a visited state.
//
// What it costs: states are pruned, so counts drop and traces take a's
// steps early; a counterexample found is real and replays, but it need not
// be the shortest. Usable with a symmetry when alone() does not name
// particular elements (a renamed state's alone action is the renamed
// action), in BFS and DFS.
#pragma once
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

#include "explorer/search/model.hpp"
#include "explorer/search/result.hpp"

namespace replicheck {

// alone(s, a): the promise above. persistent_sets(): which actions may be
// taken alone, in words, or "" where this configuration allows none (a
// fault that could stop them, say).
template <class M>
concept HasPersistentSets = requires(const M& m, const typename M::State& s, const typename M::Action& a) {
  { m.alone(s, a) } -> std::same_as<bool>;
  { m.persistent_sets() } -> std::convertible_to<std::string>;
};

inline constexpr std::string_view kPersistentSets = "persistent sets";
inline constexpr std::size_t kNotAlone = ~std::size_t{0};

// What --partial-order persistent-sets takes alone in this model and
// configuration, in words, or "" for nothing.
template <Model M>
std::string persistent_sets_offered(const M& m) {
  if constexpr (HasPersistentSets<M>) return m.persistent_sets();
  return "";
}

// The index of the action the search takes alone in s, or kNotAlone: the
// first, in action order, that the model lets stand alone and that is enabled.
template <Model M>
std::size_t alone_action(const M& m, const typename M::State& s, const typename M::Action* actions,
                         std::size_t n, typename M::State& scratch) {
  if constexpr (HasPersistentSets<M>) {
    for (std::size_t i = 0; i < n; ++i)
      if (m.alone(s, actions[i]) && m.next(s, actions[i], scratch)) return i;
  }
  return kNotAlone;
}

}  // namespace replicheck
