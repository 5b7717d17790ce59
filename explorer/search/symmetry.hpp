// Symmetry reduction (issue 14): a model may declare groups of
// interchangeable elements (two-phase's resource managers, say). The search
// then stores one representative per orbit: every successor is rewritten
// into its orbit's representative before it is fingerprinted, so the store
// holds orbits, not states.
//
// Why this shape:
// - The model owns the group: it alone knows what a permutation must carry
//   along (an RM's vote in the TM's tally, its bit in the message set), and
//   a sort-based representative (sort the elements by their local state)
//   costs one small sort, where trying every permutation would cost n!.
// - Sound only for properties that are themselves invariant under the
//   group; a model declares a symmetry only in configurations where all its
//   properties are (docs/ARCHITECTURE.md, "Symmetry").
// - Traces stay concrete: the search's path is a path of representatives,
//   and concretize() replays it from the real initial state, at each step
//   taking the first concrete action whose successor lies in the next
//   representative's orbit. The result is an ordinary path that replays on
//   the model without any symmetry.
#pragma once
#include <array>
#include <concepts>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "explorer/search/model.hpp"
#include "explorer/search/property_book.hpp"
#include "explorer/search/result.hpp"

namespace replicheck {

// symmetry(): what is interchangeable in this configuration, in words
// ("resource managers"), or "" when nothing is. canonicalize(s): rewrites s
// into its orbit's representative (equal orbits, equal representatives).
template <class M>
concept HasSymmetry = requires(const M& m, typename M::State& s) {
  { m.symmetry() } -> std::convertible_to<std::string>;
  m.canonicalize(s);
};

// What a search reduces by: the model's symmetry when it declares one and
// the options allow it, else "" (every state stored as it is).
template <Model M>
std::string symmetry_in_use(const M& model, const SearchOptions& opt) {
  if constexpr (HasSymmetry<M>) {
    if (opt.symmetry) return model.symmetry();
  }
  return "";
}

template <Model M>
void canonicalize(const M& model, typename M::State& s) {
  if constexpr (HasSymmetry<M>) model.canonicalize(s);
}

// The canonical encoding of s's orbit, in `buf`.
template <Model M>
std::size_t orbit_bytes(const M& model, typename M::State s, std::array<std::uint8_t, kMaxEncoding>& buf) {
  canonicalize(model, s);
  ByteWriter w(buf.data(), buf.size());
  model.encode(s, w);
  return w.size();
}

// A path of representatives (action indices among each representative's
// candidates) as a path of concrete states from the same initial state.
// Throws if a step has no concrete counterpart: the model's canonicalize
// would then not be a symmetry of its transitions.
template <Model M>
Path concretize(const M& model, const Path& reduced) {
  using State = typename M::State;
  State concrete = model.initial_states().at(reduced.initial);
  State rep = concrete, next = concrete;
  canonicalize(model, rep);
  std::array<std::uint8_t, kMaxEncoding> want{}, got{};
  Path out{reduced.initial, {}};
  for (std::uint16_t index : reduced.actions) {
    auto rep_actions = candidate_actions(model, rep);
    if (index >= rep_actions.size() || !model.next(rep, rep_actions[index], next))
      throw std::logic_error(fmt::format("symmetry: step {} of a reduced path does not replay", out.actions.size()));
    canonicalize(model, next);
    rep = next;
    std::size_t want_len = orbit_bytes(model, rep, want);
    auto concrete_actions = candidate_actions(model, concrete);
    bool found = false;
    for (std::size_t k = 0; k < concrete_actions.size() && !found; ++k) {
      if (!model.next(concrete, concrete_actions[k], next)) continue;
      if (orbit_bytes(model, next, got) != want_len || !std::equal(want.begin(), want.begin() + want_len, got.begin()))
        continue;
      out.actions.push_back(std::uint16_t(k));
      concrete = next;
      found = true;
    }
    if (!found)
      throw std::logic_error(fmt::format("symmetry: step {} has no concrete counterpart", out.actions.size()));
  }
  return out;
}

}  // namespace replicheck
